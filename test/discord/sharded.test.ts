import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openDb } from '../../src/store/postgres/db.ts';
import { FakeDiscord } from './fake-discord.ts';
import { ROOT, SEEDS_DIR, TEST_MODEL, TEST_MODELS_DIR, tempDir, testEnv } from '../helpers.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-loopback-tests-only';
/** Shards are separate processes: they share a real server (TEST_DATABASE_URL), or else the local index files. */
const SERVER = process.env.TEST_DATABASE_URL;

describe(`npm run start:sharded: two shards against the loopback fake Discord (${SERVER ? 'shared Postgres store' : 'local store'})`, () => {
  const indexDir = tempDir('sharded');
  const schema = `t_shards_${process.pid}`;
  const storeEnv: Record<string, string> = SERVER ? { DATABASE_URL: SERVER, DATABASE_SCHEMA: schema } : {};

  beforeAll(async () => {
    // Built once up front, so the two shards start on a ready store.
    const embedder = await Embedder.load({
      modelId: TEST_MODEL,
      modelsDir: TEST_MODELS_DIR,
      allowRemoteModels: false,
      cacheDir: tempDir('cache'),
    });
    await ingest({ seedsDir: SEEDS_DIR, indexDir, databaseUrl: SERVER ?? null, databaseSchema: schema }, embedder);
    await embedder.dispose();
  });
  afterAll(async () => {
    if (!SERVER) return;
    const db = await openDb(SERVER, { schema });
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('spawns the recommended number of shards; each answers from the store; SIGTERM stops them all', async () => {
    const fake = new FakeDiscord();
    fake.recommendedShards = 2; // no SHARD_COUNT: the count comes from GET /gateway/bot
    await fake.start();
    // node --import tsx, not the tsx CLI: its signal relay gives a busy child 30 ms before SIGKILL. The shards
    // inherit the loader through execArgv.
    const manager = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/discord/sharded.ts')], {
      env: testEnv(indexDir, {
        ...storeEnv,
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fake.api,
        LOG_LEVEL: 'info',
        SHARD_SPAWN_DELAY_MS: '300',
        SHARD_COUNT: '',
      }),
      cwd: ROOT,
    });
    let logs = '';
    manager.stdout.on('data', (d) => (logs += d));
    manager.stderr.on('data', (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => manager.on('exit', resolve));
    try {
      await expect.poll(() => logs.includes('all shards ready'), { timeout: 120_000, interval: 250 }).toBe(true);
      expect(fake.identified.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      for (const shard of [0, 1]) {
        const i = fake.toShard(shard).interaction('ask', [{ name: 'question', type: 3, value: 'Who is Matin Bek?' }]);
        const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(i.token), 60_000);
        expect(edit.body.embeds[0].description).toContain('Matin Bek');
      }
      manager.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs).toContain('"msg":"stopped"');
      expect(logs.match(/"msg":"shard ready"/g)?.length).toBe(2);
      expect(logs).not.toContain(TOKEN);
    } finally {
      manager.kill('SIGKILL');
      await fake.stop();
    }
  });
});
