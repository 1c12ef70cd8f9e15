// The entry module: small on purpose. It starts what the first screen needs from the server (/me, the first
// page of the queue the address opens and that page's code) and only then loads react-admin (issue #15).
import { startEarly } from './early';

startEarly(window.location.hash);
void import('./start');
