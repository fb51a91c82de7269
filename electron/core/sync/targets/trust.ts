import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';

/**
 * Which certificate authorities a secure connection trusts: the ones Node ships, this computer's
 * own trust store where the runtime can read it (the desktop app's Node can; on Linux the system
 * bundle file too), and a certificate authority file the person chose for the target (a district
 * that runs its own authority).
 */

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

let systemRoots: string[] | null = null;
/** This computer's trusted roots, read once. */
function systemCertificates(): string[] {
  if (systemRoots) return systemRoots;
  const fromRuntime = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  try {
    if (fromRuntime) return (systemRoots = fromRuntime('system'));
  } catch {
    // an older runtime or an unreadable store: fall back to the bundle file
  }
  const bundle = SYSTEM_BUNDLES.find((f) => fs.existsSync(f));
  systemRoots = bundle ? splitPem(fs.readFileSync(bundle, 'utf8')) : [];
  return systemRoots;
}

const splitPem = (text: string): string[] => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** The certificates in a CA file, or why it cannot be used: read and parsed, so a wrong file is refused when it is chosen. */
export function readCaFile(file: string): { certificates: string[] } | { problem: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { problem: `Fieldbook cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  const certificates = splitPem(text);
  if (certificates.length === 0) return { problem: `${file} holds no certificate: choose the authority's certificate in PEM form (a .pem or .crt file starting with -----BEGIN CERTIFICATE-----)` };
  for (const pem of certificates) {
    try {
      new X509Certificate(pem);
    } catch {
      return { problem: `${file} holds a damaged certificate: ask the district for its certificate authority file again` };
    }
  }
  return { certificates };
}

const agents = new Map<string, { mtimeMs: number; agent: https.Agent }>();

/** A connection pool trusting the usual authorities plus the target's CA file; reread when the file changes. */
export function agentFor(caFile: string | null): https.Agent | { problem: string } {
  const key = caFile ?? '';
  const mtimeMs = caFile ? (fs.statSync(caFile, { throwIfNoEntry: false })?.mtimeMs ?? -1) : 0;
  const cached = agents.get(key);
  if (cached && cached.mtimeMs === mtimeMs) return cached.agent;
  const extra = caFile ? readCaFile(caFile) : { certificates: [] };
  if ('problem' in extra) return { problem: `${extra.problem}. Choose the certificate authority file again in this target's settings` };
  cached?.agent.destroy();
  const agent = new https.Agent({ keepAlive: true, ca: [...tls.rootCertificates, ...systemCertificates(), ...extra.certificates] });
  agents.set(key, { mtimeMs, agent });
  return agent;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
]);

/** A failed secure connection in words a person can act on, or null when the error is not about the certificate. */
export function certificateProblem(code: string | undefined, host: string): string | null {
  if (!code) return null;
  if (UNTRUSTED.has(code)) {
    return `The server's certificate is not trusted by this computer (${code}). If the district runs its own certificate authority, choose its certificate file in this target's settings`;
  }
  if (code === 'CERT_HAS_EXPIRED') return `The server's certificate has expired (${code}). Ask the district to renew it`;
  if (code === 'CERT_NOT_YET_VALID') return `The server's certificate is not valid yet (${code}). Check this computer's date and time`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The server's certificate is for another name than ${host} (${code}). Check the address in this target's settings`;
  if (code.startsWith('CERT_') || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return `A secure connection to ${host} could not be made (${code}). Check the address in this target's settings`;
  }
  return null;
}
