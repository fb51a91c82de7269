import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTransport } from './api';
import { App } from './App';
import './styles.css';

initTransport();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
