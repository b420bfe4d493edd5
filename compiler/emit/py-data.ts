/**
 * The data a train block names, as a Python `load_data(seed, path)` returning
 * (x, y, classes, features): x float32 [N, ...example shape], y int64 class indices or
 * float32 [N, size] targets, the class names (or None) and the feature names (or None).
 *
 * iris and digits come from sklearn (the same rows dlc keeps); the generated sets repeat
 * dlc's definitions and generator (`compiler/runtime/datasets/`) line for line, so the
 * same seed gives the same numbers; a csv file is read with the same rules as dlc's.
 */
import type { DatasetRef } from '../graph/types.ts';
import { type DatasetName, datasetDefaults, datasetInfo } from '../graph/datasets.ts';
import { pyDocstring, pyString } from './py-literal.ts';
import { pyNumber } from './py-modules.ts';
import { PY_CSV } from './py-csv.ts';

const PY_RNG = `class DataRng:
    """dlc's data generator (datasets/random.ts): mulberry32 uniforms, Box-Muller normals."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def uniform(self):
        m = 0xFFFFFFFF
        self.state = (self.state + 0x6D2B79F5) & m
        s = self.state
        t = ((s ^ (s >> 15)) * (1 | s)) & m
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & m)) & m) ^ t
        return ((t ^ (t >> 14)) & m) / 4294967296

    def normal(self):
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)`;

/** Keyed as runtime/datasets/planar.ts `PLANAR`: the catalogue's planar sets. */
export const PLANAR_POINTS: Record<string, string> = {
  xor: `    # Each coordinate uniform in +-[0.1, 1]; class 1 when the signs differ.
    a = 0.1 + 0.9 * rng.uniform()
    b = 0.1 + 0.9 * rng.uniform()
    sa = -1 if rng.uniform() < 0.5 else 1
    sb = sa if cls == 0 else -sa
    return sa * a, sb * b`,
  circles: `    # Class 0 on the circle of radius 1, class 1 on radius 0.5, angle uniform.
    r = 1 if cls == 0 else 0.5
    t = 2 * math.pi * rng.uniform()
    return r * math.cos(t), r * math.sin(t)`,
  gauss: `    # Gaussian clouds of std 0.5 around (-1, -1) (class 0) and (1, 1) (class 1).
    c = -1 if cls == 0 else 1
    a = c + 0.5 * rng.normal()
    return a, c + 0.5 * rng.normal()`,
  spiral: `    # Two arms of 1.75 turns out to radius 1, the second turned by half a turn.
    u = rng.uniform()
    t = 3.5 * math.pi * u + math.pi * cls
    return u * math.cos(t), u * math.sin(t)`,
};

function planar(name: string, n: number, noise: number): string {
  return `${PY_RNG}


def point(rng, cls):
${PLANAR_POINTS[name]}


def load_data(seed, path=None):
    """${name}: ${n} points in the plane, 2 classes, gaussian noise of std ${pyNumber(noise)} (dlc's definition)."""
    rng, n, noise = DataRng(seed), ${n}, ${pyNumber(noise)}
    x = np.zeros((n, 2), dtype=np.float32)
    y = np.zeros(n, dtype=np.int64)
    for i in range(n):
        cls = i % 2
        a, b = point(rng, cls)
        x[i] = (a + noise * rng.normal() if noise > 0 else a, b + noise * rng.normal() if noise > 0 else b)
        y[i] = cls
    return x, y, None, ["x1", "x2"]`;
}

function sine(n: number, noise: number): string {
  return `${PY_RNG}


def load_data(seed, path=None):
    """sine: ${n} points, x uniform in [-pi, pi), target sin(x) plus gaussian noise of std ${pyNumber(noise)}."""
    rng, n, noise = DataRng(seed), ${n}, ${pyNumber(noise)}
    x = np.zeros((n, 1), dtype=np.float32)
    y = np.zeros((n, 1), dtype=np.float32)
    for i in range(n):
        v = math.pi * (2 * rng.uniform() - 1)
        x[i, 0] = v
        y[i, 0] = math.sin(v) + noise * rng.normal() if noise > 0 else math.sin(v)
    return x, y, None, ["x"]`;
}

function delay(n: number, steps: number): string {
  return `${PY_RNG}


def load_data(seed, path=None):
    """delay: ${n} sequences of ${steps} random bits; the class is the first bit."""
    rng, n, steps = DataRng(seed), ${n}, ${steps}
    x = np.zeros((n, steps, 1), dtype=np.float32)
    for i in range(n):
        for t in range(steps):
            x[i, t, 0] = 0 if rng.uniform() < 0.5 else 1
    return x, x[:, 0, 0].astype(np.int64), ["0", "1"], None`;
}

const IRIS = `def load_data(seed, path=None):
    """iris: Fisher's 150 flowers, 4 measurements (cm), 3 species; sklearn's copy, as dlc's."""
    from sklearn.datasets import load_iris
    data = load_iris()
    features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    return data.data.astype(np.float32), data.target.astype(np.int64), list(data.target_names), features`;

const DIGITS = `def load_data(seed, path=None):
    """digits: 1797 8x8 images [1, 8, 8], pixels 0..16 scaled to 0..1, 10 classes; sklearn's copy, as dlc's."""
    from sklearn.datasets import load_digits
    data = load_digits()
    x = (data.data / 16).astype(np.float32).reshape(-1, 1, 8, 8)
    return x, data.target.astype(np.int64), [str(d) for d in range(10)], None`;

function csv(file: string, target: string | undefined, classes: boolean): string {
  return `def number_name(v):
    """A number as dlc names it: 1 for 1.0."""
    return str(int(v)) if v.is_integer() else repr(v)


${PY_CSV}


def load_data(seed, path=None):
    ${pyDocstring(`csv: numeric feature columns and ${target ? `the target column "${target}"` : 'the last column as target'} of ${file}
    (a path relative to this program). ${classes ? 'Distinct target values, sorted, become class indices.' : 'The target is a number: regression.'}`)}
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), ${pyString(file)})
    why = unreadable(path)
    if why:
        sys.exit(f"cannot read the data set {shown(path)}: {why}; --data CSV names its file")
    try:
        x, labels, names, features = read_csv_table(path, ${target ? pyString(target) : 'None'}, ${classes ? 'True' : 'False'})
    except CsvError as e:
        sys.exit(str(e))
    x = np.array(x, dtype=np.float32).reshape(len(x), -1)
${
  classes
    ? `    return x, np.array(labels, dtype=np.int64), names, features`
    : `    return x, np.array([[v] for v in labels], dtype=np.float32), None, features`
}`;
}

type Options = Record<string, number | string>;
const num = (o: Options, key: string) => o[key] as number;

/**
 * Each data set's `load_data`, from the checker's resolved options (the catalogue's
 * defaults fill any a hand-made graph leaves out). Keyed by the catalogue's names, so a set
 * added there and not here does not compile.
 */
const PY_DATA: Record<DatasetName, (o: Options, classes: boolean) => string> = {
  iris: () => IRIS,
  digits: () => DIGITS,
  xor: (o) => planar('xor', num(o, 'n'), num(o, 'noise')),
  circles: (o) => planar('circles', num(o, 'n'), num(o, 'noise')),
  gauss: (o) => planar('gauss', num(o, 'n'), num(o, 'noise')),
  spiral: (o) => planar('spiral', num(o, 'n'), num(o, 'noise')),
  sine: (o) => sine(num(o, 'n'), num(o, 'noise')),
  delay: (o) => delay(num(o, 'n'), num(o, 'steps')),
  csv: (o, classes) => csv(String(o.file), typeof o.target === 'string' ? o.target : undefined, classes),
};

/** Python source defining `load_data`, plus any imports it needs beyond numpy and math. */
export function pyData(ref: DatasetRef, classes: boolean): string {
  const info = datasetInfo(ref.name);
  if (info === undefined) throw new Error(`no Python data for ${ref.name}`);
  return PY_DATA[info.name]({ ...datasetDefaults(info), ...ref.options }, classes);
}
