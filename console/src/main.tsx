import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App';
import { loadMe } from './authProvider';

// Both before React draws anything: who is signed in, and the chunk of the page the address opens.
void loadMe();
preloadPage(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
