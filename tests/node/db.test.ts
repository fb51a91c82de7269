import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../../electron/core/db/connection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { getInstallationId } from '../../electron/core/services/settings/settings';
import { tempDir } from './helpers';

describe('database', () => {
  it('applies every migration to an empty database', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['settings', 'schools', 'leaders', 'assignments', 'outbox']));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('uses WAL, synchronous=FULL and a busy timeout on a file', () => {
    const db = openDatabase(path.join(tempDir(), 'f.sqlite3'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('brings a database at every earlier version up to date, keeping its data', () => {
    for (let v = 0; v < MIGRATIONS.length; v++) {
      const file = path.join(tempDir(), 'old.sqlite3');
      openDatabase(file, { migrations: MIGRATIONS.slice(0, v) }).close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    }
    // And data written at version 1 survives later migrations.
    const file = path.join(tempDir(), 'v1.sqlite3');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    v1.prepare(`INSERT INTO schools (name, level, need_tier, created_at) VALUES ('Oak', 'middle', 'high', 'x')`).run();
    v1.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT name FROM schools').pluck().get()).toBe('Oak');
    db.close();
  });

  it('gives each data file its own installation id, kept for its whole life', () => {
    const file = path.join(tempDir(), 'a.sqlite3');
    const a = openDatabase(file);
    const id = getInstallationId(a);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    a.close();
    const again = openDatabase(file);
    expect(getInstallationId(again)).toBe(id);
    again.close();
    const other = openDatabase(':memory:');
    expect(getInstallationId(other)).not.toBe(id);
    other.close();
  });

  it('refuses a database written by a newer Fieldbook and leaves it untouched', () => {
    const file = path.join(tempDir(), 'new.sqlite3');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer version of Fieldbook/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('rolls back a migration that fails part-way', () => {
    const file = path.join(tempDir(), 'bad.sqlite3');
    const broken = [...MIGRATIONS, `CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;`];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
    db.close();
  });
});
