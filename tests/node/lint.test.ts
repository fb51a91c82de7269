import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The process split is enforced by lint; these prove the rule fires where it must and only there. */
const eslint = new ESLint({ cwd: process.cwd() });
async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it('stops renderer/ and shared/ from importing Node, the database or Electron', async () => {
    for (const file of ['renderer/screens/Bad.tsx', 'shared/bad.ts']) {
      for (const mod of ['fs', 'node:path', 'child_process', 'better-sqlite3', 'electron', '../electron/core/db/connection']) {
        expect(await restricted(file, `import x from '${mod}';\nexport default x;\n`), `${file} importing ${mod}`).toHaveLength(1);
      }
    }
    expect(await restricted('renderer/screens/Ok.tsx', `import { api } from '../../shared/api';\nexport default api;\n`)).toEqual([]);
  });

  it('lets only electron/main/ import electron', async () => {
    for (const file of ['electron/core/services/bad.ts', 'electron/server/bad.ts', 'electron/cli/bad.ts']) {
      expect(await restricted(file, `import { app } from 'electron';\nexport default app;\n`), file).toHaveLength(1);
    }
    expect(await restricted('electron/main/ok.ts', `import { app } from 'electron';\nexport default app;\n`)).toEqual([]);
  });

  it('keeps district/ apart from the app: shared/ yes, electron/, renderer/, Electron and the app’s SQLite no', async () => {
    for (const mod of ['electron', 'better-sqlite3', '../electron/core/sync/package', '../../electron/core/db/connection', '../renderer/api']) {
      expect(await restricted('district/bad.ts', `import x from '${mod}';\nexport default x;\n`), `district/ importing ${mod}`).toHaveLength(1);
    }
    expect(await restricted('district/ok.ts', `import { EXPORT_KINDS } from '../shared/exportFormat/common';\nimport fs from 'node:fs';\nexport default [EXPORT_KINDS, fs];\n`)).toEqual([]);
  });
});
