// The region file of the tests (tests/fixtures/region.test.yaml), read by the real loader: the Slack
// workspace T111 and the Teams tenant of the contract tests, their kansli people and kansli channels.
import { fileURLToPath } from 'node:url';
import type { Region } from '../../src/core/region.js';
import { catalog } from '../../src/i18n/index.js';
import { loadRegionFile } from '../../src/region-file.js';

export const TEST_REGION_FILE = fileURLToPath(new URL('../fixtures/region.test.yaml', import.meta.url));

export const testRegion = (): Region => loadRegionFile(TEST_REGION_FILE, catalog('sv'));
