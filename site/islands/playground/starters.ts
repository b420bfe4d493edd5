/**
 * A starting spec per dataset, for the playground's dataset picker: each is sized for its
 * data (2 inputs for the planar sets, 4 for iris, 1x8x8 images for digits) and trains in
 * seconds in the page. The first is the spec a new visitor sees.
 */
export interface Starter {
  dataset: string;
  label: string;
  spec: string;
}

const planar = (name: string, dataset: string, hidden: number, epochs: number, comment: string): string => `# ${comment}
net ${name} <
  linear 2->${hidden}; tanh;
  linear ${hidden}->${hidden}; tanh;
  linear ${hidden}->1
>

train ${name} on ${dataset} n=400 noise=0.1 <
  loss bce_logits;
  optimizer adam lr=0.02;
  batch 32;
  epochs ${epochs}
>
`;

export const STARTERS: Starter[] = [
  {
    dataset: 'xor',
    label: 'xor: four quadrants, 2 classes',
    spec: `# XOR cannot be separated by a line: one hidden layer is enough.
net Xor <
  linear 2->8; tanh;
  linear 8->1; sigmoid
>

train Xor on xor n=400 noise=0.05 <
  loss bce;
  optimizer sgd lr=0.5 momentum=0.9;
  batch 32;
  epochs 60
>
`,
  },
  { dataset: 'circles', label: 'circles: a ring around a disc, 2 classes', spec: planar('Rings', 'circles', 8, 60, 'A circle inside a ring: the boundary has to bend all the way round.') },
  { dataset: 'gauss', label: 'gauss: two blobs, 2 classes', spec: planar('Blobs', 'gauss', 4, 30, 'Two Gaussian blobs: nearly a straight line does it.') },
  { dataset: 'spiral', label: 'spiral: two spirals, 2 classes', spec: planar('Spiral', 'spiral', 32, 150, 'Two interleaved spirals need several layers of learned features.') },
  {
    dataset: 'iris',
    label: 'iris: 4 measurements, 3 species',
    spec: `# Four measurements of a flower in, one of three species out.
net Iris <
  linear 4->16; relu;
  linear 16->3
>

train Iris on iris <
  split 0.2; standardize;
  loss cross_entropy;
  optimizer adam lr=0.01;
  batch full;
  epochs 100
>
`,
  },
  {
    dataset: 'digits',
    label: 'digits: 8x8 handwritten digits, 10 classes',
    spec: `# A small convolutional network for 8x8 handwritten digits.
net Digits <
  input 1x8x8;
  conv 1->8 3 pad=1; relu;
  maxpool 2;
  flatten;
  linear 128->10
>

train Digits on digits <
  loss cross_entropy;
  optimizer adam lr=0.005;
  batch 64;
  epochs 10
>
`,
  },
  {
    dataset: 'sine',
    label: 'sine: fit sin(x), regression',
    spec: `# One hidden layer, enough units: an approximation of sin(x).
net Wave <
  linear 1->32; tanh;
  linear 32->1
>

train Wave on sine n=200 <
  split 0;
  loss mse;
  optimizer adam lr=0.01;
  batch 32;
  epochs 300
>
`,
  },
  {
    dataset: 'csv',
    label: 'csv: your own table (choose the file after)',
    spec: `# Your own data: numeric feature columns and a target column (the last one unless
# you name it with target=). Set the inputs of the first layer to the number of features
# and the outputs of the last to the number of classes, then choose the file to train.
net Table <
  linear 4->16; relu;
  linear 16->3
>

train Table on csv file="my-data.csv" <
  split 0.2; standardize;
  loss cross_entropy;
  optimizer adam lr=0.01;
  epochs 50
>
`,
  },
];

export const DEFAULT_SPEC = STARTERS[0]!.spec;
