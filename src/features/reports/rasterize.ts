/**
 * A chart's SVG drawn as PNG in the renderer, for formats that cannot show SVG (Word). The
 * browser's own SVG renderer does it: the SVG is loaded as an image from a blob: URL (allowed by
 * the app's img-src), painted on a canvas over white and encoded. Our SVG carries no scripts and
 * no external references (icons are data: URIs), and an SVG loaded as an image runs none anyway.
 */
import { err, ok, type Result } from '../../shared/result';

/** Longest canvas side drawn: browsers refuse (or draw blank) much larger canvases. */
export const MAX_RASTER_SIDE = 8192;

const failed = (message: string): Result<never> => err('report.chartImageFailed', message);

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/**
 * PNG bytes of `svg` drawn at `width` × `height` CSS pixels times `scale` (2: sharp when printed
 * or zoomed), the scale lowered so that no side exceeds MAX_RASTER_SIDE.
 */
export async function rasterizeSvg(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Result<Uint8Array>> {
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) {
    return failed(`The chart image has no usable size (${width} × ${height} pixels).`);
  }
  if (!(Number.isFinite(scale) && scale > 0)) {
    return failed(`The chart image cannot be drawn at scale ${scale}.`);
  }
  const factor = Math.min(scale, MAX_RASTER_SIDE / width, MAX_RASTER_SIDE / height);
  const pixelWidth = Math.max(1, Math.round(width * factor));
  const pixelHeight = Math.max(1, Math.round(height * factor));

  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(pixelWidth, pixelHeight);
    image.src = url;
    try {
      await image.decode();
    } catch {
      return failed('The chart image could not be drawn: its SVG did not decode.');
    }
    const canvas = document.createElement('canvas');
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
    const context = canvas.getContext('2d');
    if (!context) return failed('The chart image could not be drawn: no canvas is available.');
    // PNG keeps transparency; Word and printers show it black or grey without a background.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, pixelWidth, pixelHeight);
    context.drawImage(image, 0, 0, pixelWidth, pixelHeight);
    const blob = await canvasBlob(canvas);
    if (!blob) {
      return failed(
        `The chart image could not be encoded as PNG (${pixelWidth} × ${pixelHeight} pixels).`,
      );
    }
    return ok(new Uint8Array(await blob.arrayBuffer()));
  } finally {
    URL.revokeObjectURL(url);
  }
}
