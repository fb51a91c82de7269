import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { flushDrafts } from '../../renderer/components/drafts';

// Saves go through the real core; on a busy two-core machine they can take longer than the default 1 s.
configure({ asyncUtilTimeout: 4000 });

afterEach(async () => {
  cleanup();
  // Drafts still waiting go to this test's core, not the next one's.
  await flushDrafts();
  // Only once the app is gone: a window still mounted could write its lock state back.
  localStorage.clear();
  sessionStorage.clear();
  window.location.hash = '';
});
