import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Saves go through the real core; on a busy two-core machine they can take longer than the default 1 s.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  window.location.hash = '';
});
