import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../district/contract/contract';
import { addStaffAccount } from '../../district/view/accounts';
import { SESSION_COOKIE, viewRoutes } from '../../district/view/http';
import { type DistrictServer, startDistrictServer } from '../../district/server';
import { tempDir } from './helpers';
import { PASSWORD, view } from './leaderViewHelpers';
import { districtForTests } from './districtFixture';

/**
 * Signing in to the leader tracking view: accounts with one-time passwords, slowed retries, the
 * password change that comes first, sessions that end, and over HTTP the cookie's flags and the
 * defences against another site's requests. The same tests on PGlite and on a real server.
 */
export function leaderViewAccessSuite(engine: 'pglite' | 'postgres'): void {
  const clock = { now: new Date('2026-11-23T15:00:00Z') };
  const later = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  let v: ReturnType<typeof view>;
  const signIn = async (email: string, password: string) => {
    const { dispatchView } = await import('../../district/view/dispatch');
    const r = await dispatchView(v.ctx, { token: null, address: '10.0.0.7' }, 'signIn', { email, password });
    return { ...r.envelope, token: r.session ?? null };
  };

  const district = districtForTests(engine, async (opened) => {
    v = view(opened.db, () => clock.now);
  }, async (opened) => {
    await opened.reset();
    clock.now = new Date('2026-11-23T15:00:00Z');
  });

  // Each sign-in and password change runs scrypt on purpose: tens of milliseconds, more on a busy machine.
  describe('accounts and signing in', { timeout: 30_000 }, () => {
    it('makes an account with a one-time password that must be changed before anything is shown', async () => {
      const account = await addStaffAccount(district().db, { email: 'Chief@Riverbend.example', role: 'chief' }, clock.now);
      expect(account.email).toBe('chief@riverbend.example');
      expect(account.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const stored = (await district().db.query<{ hash: string }>('SELECT password_hash AS hash FROM staff_accounts')).rows[0].hash;
      expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(stored).not.toContain(account.password);

      const first = await signIn('chief@riverbend.example', account.password);
      expect(first).toMatchObject({ ok: true, value: { role: 'chief', mustChangePassword: true } });
      const who = { email: account.email, role: 'chief' as const, token: first.token! };
      expect(await v.call(who, 'capacity')).toMatchObject({ ok: false, status: 403, error: { code: 'password_change_required' } });
      expect((await v.csv(who, 'caseloads')).status).toBe(403);

      expect(await v.call(who, 'changePassword', { currentPassword: 'nope', newPassword: PASSWORD, confirmPassword: PASSWORD })).toMatchObject({ ok: false, status: 401, error: { field: 'currentPassword' } });
      expect(await v.call(who, 'changePassword', { currentPassword: account.password, newPassword: 'short', confirmPassword: 'short' })).toMatchObject({ ok: false, status: 400, error: { field: 'newPassword' } });
      expect(await v.call(who, 'changePassword', { currentPassword: account.password, newPassword: PASSWORD, confirmPassword: `${PASSWORD}!` })).toMatchObject({ ok: false, error: { field: 'confirmPassword' } });
      expect(await v.call(who, 'changePassword', { currentPassword: account.password, newPassword: account.password, confirmPassword: account.password })).toMatchObject({ ok: false, error: { field: 'newPassword' } });
      expect(await v.call(who, 'changePassword', { currentPassword: account.password, newPassword: 'chief@riverbend.example', confirmPassword: 'chief@riverbend.example' })).toMatchObject({ ok: false, error: { field: 'newPassword' } });

      expect(await v.call(who, 'changePassword', { currentPassword: account.password, newPassword: PASSWORD, confirmPassword: PASSWORD })).toMatchObject({ ok: true, value: { mustChangePassword: false } });
      expect(await v.call(who, 'capacity')).toMatchObject({ ok: true });
      expect(await signIn('chief@riverbend.example', account.password)).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      expect(await signIn('chief@riverbend.example', PASSWORD)).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    });

    it('refuses a second account for an email, and --reset gives a new one-time password and signs them out everywhere', async () => {
      const account = await addStaffAccount(district().db, { email: 'analyst@riverbend.example', role: 'analyst' }, clock.now);
      const session = await signIn(account.email, account.password);
      await expect(addStaffAccount(district().db, { email: 'analyst@riverbend.example', role: 'chief' })).rejects.toMatchObject({ code: 'exists', field: 'email' });
      await expect(addStaffAccount(district().db, { email: 'not an email', role: 'chief' })).rejects.toMatchObject({ field: 'email' });
      const reset = await addStaffAccount(district().db, { email: 'analyst@riverbend.example', role: 'analyst', reset: true }, clock.now);
      expect(reset.reset).toBe(true);
      expect(await v.call({ email: account.email, role: 'analyst', token: session.token! }, 'session')).toMatchObject({ ok: true, value: null });
      expect(await signIn(account.email, account.password)).toMatchObject({ ok: false });
      expect(await signIn(account.email, reset.password)).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    });

    it('answers a wrong password and an unknown email alike, and slows the next try after three failures', async () => {
      const account = await addStaffAccount(district().db, { email: 'chief@riverbend.example', role: 'chief' }, clock.now);
      const unknown = await signIn('nobody@riverbend.example', 'whatever it is');
      const wrong = await signIn('chief@riverbend.example', 'whatever it is');
      expect(unknown).toMatchObject({ ok: false, error: { code: 'wrong_password', field: 'password' } });
      expect((wrong as { error: unknown }).error).toEqual((unknown as { error: unknown }).error);
      await signIn('chief@riverbend.example', 'still wrong');
      await signIn('chief@riverbend.example', 'wrong again');
      // The right password is not even tried while the wait lasts.
      const slowed = await signIn('chief@riverbend.example', account.password);
      expect(slowed).toMatchObject({ ok: false, error: { code: 'too_many_attempts', message: expect.stringMatching(/Wait \d+ seconds?/) } });
      expect(v.ctx && (await v.call(null, 'signIn', { email: 'chief@riverbend.example', password: account.password })).status).toBe(429);
      later(2);
      expect(await signIn('chief@riverbend.example', account.password)).toMatchObject({ ok: true });
    });

    it('slows every email tried from one address after ten failures', async () => {
      for (let i = 0; i < 10; i++) await signIn(`guess${i}@riverbend.example`, 'password1234');
      expect(await signIn('someone.else@riverbend.example', 'password1234')).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    });

    it('ends a session after two idle hours, after twelve hours whatever happens, and at sign-out', async () => {
      const account = await addStaffAccount(district().db, { email: 'chief@riverbend.example', role: 'chief' }, clock.now);
      const who = async () => ({ email: account.email, role: 'chief' as const, token: (await signIn(account.email, account.password)).token! });
      const idle = await who();
      later(2 * 3600 + 1);
      expect(await v.call(idle, 'changePassword', {})).toMatchObject({ ok: false, status: 401, error: { code: 'not_signed_in' } });
      const busy = await who();
      for (let h = 0; h < 12; h++) {
        later(3600);
        expect(await v.call(busy, 'session')).toMatchObject({ ok: true, value: { email: account.email } });
      }
      later(1);
      expect(await v.call(busy, 'session')).toMatchObject({ ok: true, value: null });
      const leaving = await who();
      expect(await v.call(leaving, 'signOut')).toMatchObject({ ok: true });
      expect(await v.call(leaving, 'session')).toMatchObject({ ok: true, value: null });
      // The database keeps hashes of the session secrets, never the secrets.
      const stored = JSON.stringify((await district().db.query('SELECT * FROM staff_sessions')).rows);
      expect(stored).not.toContain(leaving.token);
    });
  });

  describe('over HTTP, on the same server as the receiving endpoint', { timeout: 30_000 }, () => {
    let server: DistrictServer;
    let origin: string;
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fieldbook district</title><div id="root"></div>');
    beforeEach(async () => {
      server = await startDistrictServer({ db: district().db, token: 'exports-only-token', view: viewRoutes({ db: district().db, now: () => clock.now, staticDir, secure: false }) });
      origin = server.url;
      return () => server.close();
    });
    const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(origin + p, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    async function signedInOverHttp(role: 'chief' | 'analyst') {
      const account = await addStaffAccount(district().db, { email: `${role}@riverbend.example`, role }, clock.now);
      const first = await post('/api/view/signIn', { email: account.email, password: account.password });
      const cookie = first.headers.get('set-cookie')!.split(';')[0];
      const csrf = ((await first.json()) as { value: { csrfToken: string } }).value.csrfToken;
      await post('/api/view/changePassword', { currentPassword: account.password, newPassword: PASSWORD, confirmPassword: PASSWORD }, { cookie, [CSRF_HEADER]: csrf });
      return { cookie, csrf, first };
    }

    it('serves the view with a strict content-security policy, and its session in an HttpOnly, SameSite=Strict cookie', async () => {
      const page = await fetch(`${origin}/capacity`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Fieldbook district');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const { first } = await signedInOverHttp('chief');
      const cookie = first.headers.get('set-cookie')!;
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; `));
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/');
    });

    it('refuses a change without the session’s CSRF token, and any call from another origin or site, or not as JSON', async () => {
      const { cookie, csrf } = await signedInOverHttp('chief');
      const change = { currentPassword: PASSWORD, newPassword: `${PASSWORD} again`, confirmPassword: `${PASSWORD} again` };
      expect((await post('/api/view/changePassword', change, { cookie })).status).toBe(403);
      expect((await post('/api/view/changePassword', change, { cookie, [CSRF_HEADER]: 'x'.repeat(43) })).status).toBe(403);
      expect((await post('/api/view/signOut', {}, { cookie })).status).toBe(403);
      // A read needs no token (the page loads beside the session), but never from another site.
      expect((await post('/api/view/capacity', {}, { cookie })).status).toBe(200);
      expect((await post('/api/view/capacity', {}, { cookie, [CSRF_HEADER]: csrf, origin: 'http://evil.example' })).status).toBe(403);
      expect((await post('/api/view/capacity', {}, { cookie, [CSRF_HEADER]: csrf, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      const form = await fetch(`${origin}/api/view/signIn`, { method: 'POST', headers: { 'Content-Type': 'text/plain', cookie }, body: '{}' });
      expect(form.status).toBe(403);
      expect((await post('/api/view/nothing', {}, { cookie, [CSRF_HEADER]: csrf })).status).toBe(404);
      expect((await post('/api/view/%E0%A4%A', {}, { cookie, [CSRF_HEADER]: csrf })).status).toBe(400);
      expect((await post('/api/view/changePassword', change, { cookie, [CSRF_HEADER]: csrf })).status).toBe(200);
      expect((await post('/api/view/capacity', {})).status).toBe(401);
    });

    it('answers a call larger than any the view makes with 413, and the session goes on working', async () => {
      const { cookie, csrf } = await signedInOverHttp('chief');
      const huge = await post('/api/view/capacity', { padding: 'x'.repeat(1024 * 1024) }, { cookie, [CSRF_HEADER]: csrf });
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });
      expect((await post('/api/view/capacity', {}, { cookie })).status).toBe(200);
    });

    it('answers downloads with 401 to the signed-out and a plain 403 to a role that may not have them', async () => {
      expect((await fetch(`${origin}/csv/caseloads.csv`)).status).toBe(401);
      const analyst = await signedInOverHttp('analyst');
      const refused = await fetch(`${origin}/csv/unsupervised.csv`, { headers: { cookie: analyst.cookie } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('text/plain');
      expect(await refused.text()).toMatch(/^Analysts see counts, rates and distributions only/);
      const allowed = await fetch(`${origin}/csv/caseloads.csv`, { headers: { cookie: analyst.cookie } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('content-type')).toContain('text/csv');
      expect(allowed.headers.get('content-disposition')).toMatch(/^attachment; filename="fieldbook-district-caseloads-[\w-]+\.csv"$/);
      expect((await fetch(`${origin}/files/1/x.pdf`, { headers: { cookie: analyst.cookie } })).status).toBe(403);
    });

    it('behind an https proxy, marks the session Secure, wants https origins and slows sign-ins per the proxy’s client address', async () => {
      const proxied = await startDistrictServer({ db: district().db, view: viewRoutes({ db: district().db, now: () => clock.now, staticDir, secure: true, behindProxy: true }) });
      try {
        const host = new URL(proxied.url).host;
        const from = (client: string, origin = `https://${host}`) => ({ 'x-forwarded-for': `203.0.113.9, ${client}`, origin });
        const account = await addStaffAccount(district().db, { email: 'chief@riverbend.example', role: 'chief' }, clock.now);
        const signInFrom = (headers: Record<string, string>, password: string) =>
          fetch(`${proxied.url}/api/view/signIn`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email: account.email, password }) });
        expect((await signInFrom(from('198.51.100.1', `http://${host}`), account.password)).status).toBe(403);
        const good = await signInFrom(from('198.51.100.1'), account.password);
        expect(good.status).toBe(200);
        expect(good.headers.get('set-cookie')).toContain('; Secure');
        for (let i = 0; i < 10; i++) {
          await fetch(`${proxied.url}/api/view/signIn`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...from('198.51.100.66') }, body: JSON.stringify({ email: `guess${i}@riverbend.example`, password: 'password1234' }) });
        }
        expect((await signInFrom(from('198.51.100.66'), account.password)).status).toBe(429);
        expect((await signInFrom(from('198.51.100.1'), account.password)).status).toBe(200);
      } finally {
        await proxied.close();
      }
    });

    it('leaves the receiving endpoint behind its own token, while the view needs none', async () => {
      expect((await post('/api/exports', {})).status).toBe(401);
      expect((await post('/api/view/session', {})).status).toBe(200);
    });
  });
}
