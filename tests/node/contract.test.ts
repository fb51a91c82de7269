import { describe, expect, it } from 'vitest';
import { api, CALL_NAMES } from '../../shared/api';
import { dispatch } from '../../electron/core/dispatch';
import { handlers } from '../../electron/core/handlers';
import { memoryCore, snapshot } from './helpers';

describe('the contract', () => {
  it('has exactly one handler for every declared call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('answers an unknown call with an error, not a crash', async () => {
    const r = await dispatch(memoryCore(), 'dropAllTables', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatch(memoryCore(), '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('reports which tables a mutation changed, so the UI knows what to reload', async () => {
    const ctx = memoryCore();
    const r = await dispatch(ctx, 'addSchool', { name: 'Oak', level: 'high', needTier: 'low' });
    expect(r).toMatchObject({ ok: true, changed: api.addSchool.changes });
    expect((await dispatch(ctx, 'listSchools', {})).changed).toBeUndefined();
  });

  it('rolls back everything a failing mutation wrote', async () => {
    const ctx = memoryCore();
    const before = snapshot(ctx);
    // The leader row is written before the assignment is validated against the leader's state.
    ctx.db.exec(`CREATE TRIGGER no_assignments BEFORE INSERT ON assignments BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    await dispatch(ctx, 'addSchool', { name: 'Oak', level: 'high', needTier: 'low' });
    const mid = snapshot(ctx);
    const r = await dispatch(ctx, 'addLeader', { name: 'Ana', role: 'aspiring', roleStartDate: '2024-01-01', assignment: { supportTier: 'standard' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(snapshot(ctx)).toEqual(mid);
    expect(mid.schools).toBe(before.schools + 1);
  });
});
