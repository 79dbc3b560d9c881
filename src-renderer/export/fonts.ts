// The font the printed review sheet and 补正通知 are set in, from the app's own vendor assets
// (scripts/vendor-assets.mjs); apart from the PDF writer so that the window can name it without loading pdfkit.
export const CJK_FONT_ASSET = 'vendor/fonts/NotoSansSC_400Regular.ttf';
