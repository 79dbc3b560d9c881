// Draws the application icon (build/icon.png, 512×512) that electron-builder turns into the Linux
// and Windows icons: a dossier folder in slate blue with 审 (review) in Noto Sans SC Bold.
// Run: node build/icon.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
GlobalFonts.registerFromPath(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'), 'Noto Sans SC Bold');

const size = 512;
const canvas = createCanvas(size, size);
const context = canvas.getContext('2d');

function roundedRect(x, y, width, height, radius) {
  context.beginPath();
  context.moveTo(x + radius, y);
  context.arcTo(x + width, y, x + width, y + height, radius);
  context.arcTo(x + width, y + height, x, y + height, radius);
  context.arcTo(x, y + height, x, y, radius);
  context.arcTo(x, y, x + width, y, radius);
  context.closePath();
}

// Folder tab and body.
context.fillStyle = '#1f4e79';
roundedRect(40, 70, 200, 90, 28);
context.fill();
const gradient = context.createLinearGradient(0, 110, 0, 470);
gradient.addColorStop(0, '#2f6fad');
gradient.addColorStop(1, '#1f4e79');
context.fillStyle = gradient;
roundedRect(32, 110, 448, 360, 40);
context.fill();

// The review character.
context.fillStyle = '#ffffff';
context.font = '250px "Noto Sans SC Bold"';
context.textAlign = 'center';
context.textBaseline = 'middle';
context.fillText('审', size / 2, 300);

// A check mark badge: reviewed.
context.fillStyle = '#2e9e5b';
context.beginPath();
context.arc(408, 404, 72, 0, Math.PI * 2);
context.fill();
context.strokeStyle = '#ffffff';
context.lineWidth = 22;
context.lineCap = 'round';
context.lineJoin = 'round';
context.beginPath();
context.moveTo(372, 406);
context.lineTo(398, 432);
context.lineTo(446, 378);
context.stroke();

writeFileSync(join(here, 'icon.png'), canvas.toBuffer('image/png'));
console.log(`icon: ${join(here, 'icon.png')}`);
