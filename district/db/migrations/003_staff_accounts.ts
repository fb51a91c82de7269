/**
 * District staff who sign in to the leader tracking view: their accounts (a role, a scrypt hash,
 * whether the one-time password still has to be changed), their sessions (only a hash of each
 * cookie's secret is kept) and failed sign-ins per email and per address, which slow the next try.
 */
export default `
CREATE TABLE staff_accounts (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  role text NOT NULL CHECK (role IN ('chief', 'supervisor', 'analyst')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL,
  created_at timestamptz NOT NULL,
  password_set_at timestamptz NOT NULL
);

CREATE TABLE staff_sessions (
  token_sha256 text PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES staff_accounts ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_account ON staff_sessions (account_id);

-- 'email:<address>' or 'address:<remote address>'; cleared by a successful sign-in.
CREATE TABLE sign_in_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failed_at timestamptz NOT NULL
);
`;
