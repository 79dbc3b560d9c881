// npm run web: the renderer as an offline web app on 127.0.0.1 (PORT to choose the port).
import { buildWeb } from './build-web.mjs';
import { serveStatic } from './serve.mjs';

const outDir = await buildWeb();
const { url } = await serveStatic(outDir, Number(process.env.PORT ?? 5199));
console.log(`Dossier Desk (web mode) at ${url}`);
