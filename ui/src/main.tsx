// Entry point: styles (as files, for the CSP), the readiness flag, and the React root.
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/manifests.css';
import './styles/ownership.css';
import './styles/palette.css';
import './styles/table.css';
import { App } from './App';
import { initReadiness } from './canvas/readiness';

initReadiness();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
