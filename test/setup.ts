// Runs in every test file: the folders tests create are removed when the file's tests are done.
import { afterAll } from 'vitest';
import { removeTestFolders } from './helpers.ts';

afterAll(removeTestFolders);
