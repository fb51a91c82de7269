// electron-builder afterPack hook (see electron-builder.yml): flip Electron's fuses in the packed
// executable, before electron-builder signs it. Fuses are switches compiled into the binary that
// turn off ways to run arbitrary code through a signed Fieldbook (ELECTRON_RUN_AS_NODE,
// NODE_OPTIONS, --inspect) and make it load only its own, integrity-checked app.asar.
// CommonJS because electron-builder require()s hooks; @electron/fuses itself is ESM, hence import().
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The packed executable: its name differs per platform (Linux lower-cases it by default). */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName || productFilename.toLowerCase());
    default:
      throw new Error(`afterPack: no fuse rule for platform ${electronPlatformName}`);
  }
}

exports.default = async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const executable = executablePath(context);
  // Shipping without fuses would be silent; failing the package is not.
  if (!fs.existsSync(executable)) throw new Error(`afterPack: Electron executable not found at ${executable}`);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // Flipping fuses invalidates the ad-hoc signature macOS arm64 requires; re-sign ad hoc
    // (a real identity, when configured, signs again after this hook).
    resetAdHocDarwinSignature: isMac,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
  });
};
