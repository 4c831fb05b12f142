/** The DatasetError a loader throws, for tests that read its code, message and Norwegian text. */
import { expect } from 'vitest';
import { DatasetError } from '../../datasets/errors.ts';

/** The DatasetError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejected(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

/** The DatasetError `fn` throws; fails the test when it returns or throws anything else. */
export function caught(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}
