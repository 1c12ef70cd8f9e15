import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App';
import { loadMe } from './authProvider';

// /me is already on its way (early.ts); the chunk of any page the entry module does not know of starts now.
void loadMe();
preloadPage(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
