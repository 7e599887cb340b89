import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.ts';

// Each test file's temp folders go when it ends, so runs don't pile them up in /tmp.
afterAll(removeTempDirs);
