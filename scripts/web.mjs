// npm run web: the renderer as an offline web app on 127.0.0.1 (PORT to choose the port).
import { buildWeb } from './build-web.mjs';
import { serveStatic } from './serve.mjs';

const port = Number(process.env.PORT ?? 5199);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`web: PORT must be a port number from 0 to 65535, not "${process.env.PORT}"`);
  process.exit(2);
}
const outDir = await buildWeb();
try {
  const { url } = await serveStatic(outDir, port);
  console.log(`Dossier Desk (web mode) at ${url}`);
} catch (error) {
  console.error(`web: ${error.message}`);
  process.exit(1);
}
