import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { FONT_FILES, fontFolder } from '../../electron/core/export/fonts';
import { tempDir } from './helpers';

/**
 * Packaging cannot run here (electron-builder downloads Electron), so these read the real
 * config and run the real afterPack hook against a stand-in executable.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml and minimatch come with electron-builder (which reads this file with them); they ship no types.
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { minimatch } = require('minimatch') as { minimatch: (file: string, pattern: string) => boolean };

type Target = string | { target: string };
interface BuilderConfig {
  appId: string;
  extraResources: { from: string; to: string; filter: string[] }[];
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  npmRebuild?: boolean;
  afterPack: string;
  directories: { output: string; buildResources: string };
  win: { target: Target[] };
  mac: { target: Target[] };
  linux: { target: Target[] };
}
const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const targetNames = (targets: Target[]) => targets.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app and packs it into an asar with better-sqlite3’s native module outside', () => {
    expect(config.appId).toBe('org.fieldbook.app');
    expect(config.productName).toBe('Fieldbook');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'resources' });
    expect(config.asar).toBe(true);
    const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(false);
    // The package rebuilds native modules for each target (never this machine's node_modules).
    expect(config.npmRebuild).not.toBe(false);
  });

  it('ships the built app, not the sources or the development-only Electron binding', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    const excluded = (file: string) => config.files.some((p) => p.startsWith('!') && minimatch(file, p.slice(1)));
    for (const file of ['electron/main/index.ts', 'renderer/App.tsx', 'shared/api.ts', 'tests/node/db.test.ts', '.electron-native/better-sqlite3/build/Release/better_sqlite3.node']) {
      expect(excluded(file), file).toBe(true);
    }
    expect(excluded('out/main/index.cjs')).toBe(false);
  });

  it('builds nsis for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(targetNames(config.linux.target)).toEqual(['AppImage', 'deb']);
  });

  it('is valid for electron-builder’s own schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, log: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    const log = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, log)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, asarUnpak: [] }, log)).rejects.toThrow(/asarUnpak/);
  }, 30_000); // loading the schema validator takes a few seconds

  it('ships the PDF fonts beside the archive, each with its licence, where the PDF worker looks for them', () => {
    const fonts = config.extraResources.find((r) => r.from === 'resources/fonts')!;
    expect(fonts.to).toBe('fonts');
    const shipped = (file: string) => fonts.filter.some((pattern) => minimatch(file, pattern));
    const files = [...new Set(Object.values(FONT_FILES).flatMap((faces) => Object.values(faces)))];
    for (const file of files) {
      expect(fs.existsSync(path.join(ROOT, 'resources/fonts', file)), file).toBe(true);
      expect(shipped(file), file).toBe(true);
    }
    const readme = fs.readFileSync(path.join(ROOT, 'resources/fonts/README.md'), 'utf8');
    for (const file of files) expect(readme, file).toContain(file);
    for (const licence of ['LICENSES/OFL-1.1.txt', 'LICENSES/Apache-2.0.txt']) {
      expect(fs.statSync(path.join(ROOT, 'resources/fonts', licence)).size, licence).toBeGreaterThan(1000);
      expect(shipped(licence), licence).toBe(true);
    }
    expect(shipped('README.md')).toBe(true);
    // Packaged, the fonts are in process.resourcesPath/fonts; in the sources, in resources/fonts.
    const packaged = tempDir();
    fs.mkdirSync(path.join(packaged, 'fonts'));
    for (const file of files) fs.copyFileSync(path.join(ROOT, 'resources/fonts', file), path.join(packaged, 'fonts', file));
    expect(fontFolder()).toBe(path.join(ROOT, 'resources/fonts'));
    Object.assign(process, { resourcesPath: packaged });
    try {
      expect(fontFolder()).toBe(path.join(packaged, 'fonts'));
    } finally {
      delete (process as { resourcesPath?: string }).resourcesPath;
    }
    const size = files.reduce((n, file) => n + fs.statSync(path.join(ROOT, 'resources/fonts', file)).size, 0);
    expect(size).toBeLessThan(10 * 1024 * 1024); // what the fonts add to every installer
  });

  it('points at an afterPack hook that exists', () => {
    expect(config.afterPack).toBe('electron/build/afterPack.cjs');
    expect(fs.existsSync(path.join(ROOT, config.afterPack))).toBe(true);
  });
});

describe('the afterPack hook', () => {
  /** A stand-in Electron executable: junk around the fuse sentinel and a wire of 9 fuses, all "inherit". */
  function fakeExecutable(file: string): void {
    const wire = Buffer.alloc(9, FuseState.INHERIT);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from('ELF junk'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), wire, Buffer.from('junk')]));
  }
  const afterPack = (require(path.join(ROOT, 'electron/build/afterPack.cjs')) as { default: (context: unknown) => Promise<void> }).default;
  const context = (appOutDir: string, electronPlatformName: string) => ({
    appOutDir,
    electronPlatformName,
    packager: { appInfo: { productFilename: 'Fieldbook' }, executableName: 'fieldbook' },
  });

  for (const [platform, executable] of [['linux', 'fieldbook'], ['win32', 'Fieldbook.exe']]) {
    it(`flips every fuse in the ${platform} executable`, async () => {
      const out = tempDir();
      fakeExecutable(path.join(out, executable));
      await afterPack(context(out, platform));
      const wire = await getCurrentFuseWire(path.join(out, executable));
      const on = FuseState.ENABLE;
      const off = FuseState.DISABLE;
      expect({
        RunAsNode: wire[FuseV1Options.RunAsNode],
        EnableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
        EnableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
        EnableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
        OnlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
        EnableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      }).toEqual({
        RunAsNode: off,
        EnableNodeOptionsEnvironmentVariable: off,
        EnableNodeCliInspectArguments: off,
        EnableEmbeddedAsarIntegrityValidation: on,
        OnlyLoadAppFromAsar: on,
        EnableCookieEncryption: on,
      });
    });
  }

  it('fails the package rather than ship an executable it could not fuse', async () => {
    await expect(afterPack(context(tempDir(), 'linux'))).rejects.toThrow(/executable not found/);
  });
});

describe('package.json "main"', () => {
  it('is the file electron-vite emits for the main process', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    const main = viteConfig.main?.build as { outDir: string; rollupOptions: { input: Record<string, string>; output: { format: string; entryFileNames: string } } };
    const [entry] = Object.keys(main.rollupOptions.input);
    const emitted = path.posix.join(main.outDir, main.rollupOptions.output.entryFileNames.replace('[name]', entry));
    expect(pkg.main).toBe(emitted);
    expect(main.rollupOptions.output.format).toBe('cjs'); // a .cjs name must hold CommonJS
  });
});
