// Reading and writing JSON in the browser's storage without ever throwing: storage can be
// switched off (Safari private mode, blocked cookies), full, or hold values written by
// something else. Callers get a status and decide what to tell the learner.

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type Read<T> =
  | { status: 'ok'; value: T | null }
  | { status: 'unavailable' }
  | { status: 'corrupted' };

/**
 * The storage to use, or null when it cannot be read: `getStorage` throws, or reading does.
 * Only reading is probed: a full or read-only storage still holds what was saved before
 * (the best quiz score, the lessons visited), and each write reports its own failure.
 *
 * ```ts
 * const storage = openStorage(() => window.localStorage);
 * ```
 */
export function openStorage(getStorage: () => StorageLike | null | undefined): StorageLike | null {
  try {
    const storage = getStorage();
    if (!storage) return null;
    storage.getItem('dlc:probe');
    return storage;
  } catch {
    return null;
  }
}

/** Reads `key`; a value that is not JSON or fails `isValid` reads as corrupted. */
export function readJson<T>(
  storage: StorageLike | null,
  key: string,
  isValid: (value: unknown) => value is T,
): Read<T> {
  if (!storage) return { status: 'unavailable' };
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return { status: 'unavailable' };
  }
  if (raw === null) return { status: 'ok', value: null };
  try {
    const value: unknown = JSON.parse(raw);
    return isValid(value) ? { status: 'ok', value } : { status: 'corrupted' };
  } catch {
    return { status: 'corrupted' };
  }
}

/** Writes `value` as JSON under `key`; false when storage refuses it. */
export function writeJson(storage: StorageLike | null, key: string, value: unknown): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The page's localStorage, or null when the browser does not allow it. */
export function browserStorage(): StorageLike | null {
  return openStorage(() => window.localStorage);
}
