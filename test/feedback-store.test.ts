import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerKey, LocalFeedback, summariseFeedback, type Vote } from '../src/store/feedback.ts';
import { tempDir } from './helpers.ts';

const vote = (over: Partial<Vote>): Vote => ({
  answerKey: 'k1',
  question: 'Who is Matin Bek?',
  excerptIds: ['a#1.0'],
  shown: '> quote',
  vote: 'up',
  guild: 'g',
  user: 'u1',
  time: '2026-01-01T00:00:00Z',
  ...over,
});

describe('feedback and answers kept on disk', () => {
  it('one vote per user per answer, the latest wins, across a reopen', async () => {
    const dir = tempDir('feedback');
    const store = LocalFeedback.open(dir);
    await store.record(vote({ user: store.hashUser('918273645546372819') }));
    await store.record(vote({ user: store.hashUser('918273645546372819'), vote: 'down' }));
    await store.record(vote({ user: store.hashUser('918273645546372820') }));
    const reopened = LocalFeedback.open(dir);
    const votes = await reopened.votes();
    expect(votes).toHaveLength(2);
    expect(votes.find((v) => v.user === reopened.hashUser('918273645546372819'))!.vote).toBe('down');
    expect(fs.readFileSync(path.join(dir, 'feedback.jsonl'), 'utf8')).not.toContain('918273645546372819');
  });

  it('user ids are hashed with a per-install salt', () => {
    const a = LocalFeedback.open(tempDir('salt-a'));
    const b = LocalFeedback.open(tempDir('salt-b'));
    expect(a.hashUser('123')).toMatch(/^[0-9a-f]{32}$/);
    expect(a.hashUser('123')).not.toBe(b.hashUser('123'));
  });

  it('a torn last line is skipped; answers are recalled by key', async () => {
    const dir = tempDir('torn');
    const store = LocalFeedback.open(dir);
    await store.remember({
      key: answerKey('Who is Matin Bek?'),
      question: 'Who is Matin Bek?',
      shown: ['a#1.0'],
      time: 'now',
    });
    fs.appendFileSync(path.join(dir, 'feedback.jsonl'), '{"answerKey":"k');
    const reopened = LocalFeedback.open(dir);
    expect(await reopened.votes()).toEqual([]);
    expect(reopened.recall(answerKey('who is  Matin Bek?'))?.question).toBe('Who is Matin Bek?');
  });

  it('summarises: totals and the worst-rated questions first', () => {
    const summary = summariseFeedback([
      vote({ user: 'a' }),
      vote({ user: 'b', vote: 'down' }),
      vote({ answerKey: 'k2', question: 'Bad?', user: 'a', vote: 'down' }),
      vote({ answerKey: 'k2', question: 'Bad?', user: 'b', vote: 'down' }),
    ]);
    expect(summary).toMatchObject({ votes: 4, up: 1, down: 3, users: 2, questions: 2 });
    expect(summary.worst.map((w) => [w.question, w.score])).toEqual([
      ['Bad?', -2],
      ['Who is Matin Bek?', 0],
    ]);
  });
});
