/**
 * NIfTI volumes, the real loading path for segmentation data (e.g. BraTS-style scans a teacher holds
 * locally): read `.nii` / `.nii.gz` with nifti-reader-js, turn slices into the phantoms' NHWC layout, and a
 * minimal NIfTI-1 writer so the project can test the reader on files it writes itself.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import * as nifti from 'nifti-reader-js';
import { DatasetError, type Localized } from './errors.ts';

/** A volume read from NIfTI: `dims` are the voxel counts (x fastest), `data` the voxel values after scaling. */
export interface NiftiVolume {
  dims: number[];
  pixDims: number[];
  datatype: number;
  data: Float32Array;
}

/** NIfTI-1 datatype codes this module reads. */
const DATATYPES: Record<number, { bytes: number; read: (view: DataView, offset: number, little: boolean) => number }> = {
  2: { bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
};

/** Reads a NIfTI-1 or NIfTI-2 volume (`.nii` or `.nii.gz`), applying the header's intensity scaling. */
export async function readNifti(path: string): Promise<NiftiVolume> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (cause) {
    const reason = (cause as Error).message;
    throw new DatasetError(
      'LABGRADE_DATASET_MISSING',
      {
        en: `Expected a NIfTI file at ${path}, but it could not be read (${reason}). Check the path.`,
        nb: `Forventet en NIfTI-fil i ${path}, men den kunne ikke leses (${reason}). Sjekk stien.`,
      },
      { file: path, cause },
    );
  }
  let bytes: ArrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const invalid = (message: Localized, cause?: unknown): DatasetError =>
    new DatasetError('LABGRADE_DATASET_INVALID', { en: `${path}: ${message.en}`, nb: `${path}: ${message.nb}` }, { file: path, cause });
  try {
    if (nifti.isCompressed(bytes)) bytes = nifti.decompress(bytes) as ArrayBuffer;
  } catch (cause) {
    throw invalid(
      {
        en: 'expected gzip-compressed NIfTI data, but decompressing failed. The file is truncated or corrupt.',
        nb: 'forventet gzip-komprimerte NIfTI-data, men utpakkingen feilet. Filen er avkortet eller ødelagt.',
      },
      cause,
    );
  }
  if (!nifti.isNIFTI(bytes)) {
    throw invalid({
      en: 'expected a NIfTI-1 or NIfTI-2 header (magic "n+1" or "n+2"), found none. Use a single-file .nii or .nii.gz volume.',
      nb: 'forventet et NIfTI-1- eller NIfTI-2-filhode (magisk verdi "n+1" eller "n+2"), men fant ingen. Bruk et volum i én enkelt fil, .nii eller .nii.gz.',
    });
  }
  const header = nifti.readHeader(bytes);
  const rank = header.dims[0]!;
  const dims = header.dims.slice(1, 1 + rank);
  const pixDims = header.pixDims.slice(1, 1 + rank);
  const type = DATATYPES[header.datatypeCode];
  if (type === undefined) {
    const known = Object.keys(DATATYPES).join(', ');
    throw invalid({
      en: `expected one of the datatypes ${known}, found ${header.datatypeCode}. Convert the volume to float32.`,
      nb: `forventet en av datatypene ${known}, men fant ${header.datatypeCode}. Konverter volumet til float32.`,
    });
  }
  const voxels = dims.reduce((a, b) => a * b, 1);
  const image = nifti.readImage(header, bytes);
  if (image.byteLength < voxels * type.bytes) {
    throw invalid({
      en: `expected ${voxels * type.bytes} bytes of voxels for dims [${dims.join(', ')}], found ${image.byteLength}. The file is truncated.`,
      nb: `forventet ${voxels * type.bytes} byte med voksler for dimensjonene [${dims.join(', ')}], men fant ${image.byteLength}. Filen er avkortet.`,
    });
  }
  const view = new DataView(image);
  const slope = header.scl_slope && Number.isFinite(header.scl_slope) ? header.scl_slope : 1;
  const inter = slope !== 1 || header.scl_inter ? header.scl_inter || 0 : 0;
  const data = new Float32Array(voxels);
  for (let i = 0; i < voxels; i++) data[i] = type.read(view, i * type.bytes, header.littleEndian) * slope + inter;
  return { dims, pixDims, datatype: header.datatypeCode, data };
}

/** What `writeNifti` writes. */
export interface NiftiWriteInput {
  /** Voxel counts, x fastest (1 to 7 dimensions). */
  dims: number[];
  /** Voxel values, x fastest; a Uint8Array is written as uint8, anything else as float32. */
  data: Float32Array | Uint8Array;
  /** Voxel sizes in mm. @default all 1 */
  pixDims?: number[];
}

/** Writes a minimal single-file NIfTI-1 volume (float32 or uint8); gzips it when the path ends in `.gz`. */
export async function writeNifti(path: string, volume: NiftiWriteInput): Promise<void> {
  const { dims, data } = volume;
  if (dims.length < 1 || dims.length > 7) throw new RangeError(`Expected 1 to 7 dims, but got ${dims.length}.`);
  const voxels = dims.reduce((a, b) => a * b, 1);
  if (data.length !== voxels) {
    throw new RangeError(`Expected ${voxels} voxels for dims [${dims.join(', ')}], but data has ${data.length}.`);
  }
  const isByte = data instanceof Uint8Array;
  const voxOffset = 352; // 348-byte header plus 4 bytes saying there is no extension
  const out = new Uint8Array(voxOffset + voxels * (isByte ? 1 : 4));
  const view = new DataView(out.buffer);
  view.setInt32(0, 348, true);
  view.setInt16(40, dims.length, true);
  dims.forEach((d, i) => view.setInt16(42 + 2 * i, d, true));
  for (let i = dims.length; i < 7; i++) view.setInt16(42 + 2 * i, 1, true);
  view.setInt16(70, isByte ? 2 : 16, true);
  view.setInt16(72, isByte ? 8 : 32, true);
  view.setFloat32(76, 1, true); // qfac
  for (let i = 0; i < 7; i++) view.setFloat32(80 + 4 * i, volume.pixDims?.[i] ?? 1, true);
  view.setFloat32(108, voxOffset, true);
  view.setFloat32(112, 1, true); // scl_slope
  view.setUint8(123, 2); // units: mm
  out.set([0x6e, 0x2b, 0x31, 0x00], 344); // "n+1\0"
  if (isByte) out.set(data, voxOffset);
  else for (let i = 0; i < voxels; i++) view.setFloat32(voxOffset + 4 * i, data[i]!, true);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(out) : out);
}

/** Options of `niftiSlicesToTensorData`. */
export interface NiftiSliceOptions {
  /** Axis to slice along (0 x, 1 y, 2 z; 2 gives axial slices in the usual RAS orientation). @default 2 */
  axis?: 0 | 1 | 2;
  /** Width and height of the output images: each slice is centre-cropped or zero-padded to it. @default 64 */
  size?: number;
  /** Divide each slice's channel by its 99th percentile, as the phantoms are normalised. @default true */
  normalise?: boolean;
  /** Leave out slices where every contrast is zero. @default false */
  skipEmpty?: boolean;
}

/** Slices in the phantoms' layout: images `count` x `size` x `size` x channels (NHWC), labels `count` x `size` x `size`. */
export interface NiftiSliceData {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  size: number;
  channels: number;
  /** Index of each output slice along the slicing axis. */
  sliceIndices: number[];
}

/**
 * Turns co-registered 3D volumes (one per contrast, same dims) and an optional label volume into 2D slices
 * along `axis`, centre-cropped or padded to `size` x `size`. Rows run along the higher remaining axis,
 * columns along the lower one (for axis 2: rows y, columns x).
 */
export function niftiSlicesToTensorData(volumes: NiftiVolume[], labelVolume?: NiftiVolume, options: NiftiSliceOptions = {}): NiftiSliceData {
  const axis = options.axis ?? 2;
  const size = options.size ?? 64;
  const normalise = options.normalise ?? true;
  const first = volumes[0];
  if (first === undefined) throw new RangeError('Expected at least one contrast volume, but got none.');
  const dims = first.dims.slice(0, 3);
  if (dims.length !== 3) throw new RangeError(`Expected 3D volumes, but the first has dims [${first.dims.join(', ')}].`);
  for (const [k, v] of [...volumes, ...(labelVolume ? [labelVolume] : [])].entries()) {
    if (v.dims.slice(0, 3).join() !== dims.join()) {
      throw new RangeError(`Expected every volume to have dims [${dims.join(', ')}], but volume ${k} has [${v.dims.join(', ')}].`);
    }
  }
  const strides = [1, dims[0]!, dims[0]! * dims[1]!];
  const [colAxis, rowAxis] = [0, 1, 2].filter((a) => a !== axis) as [number, number];
  const rows = dims[rowAxis]!;
  const cols = dims[colAxis]!;
  const rowStart = Math.floor((rows - size) / 2);
  const colStart = Math.floor((cols - size) / 2);
  const channels = volumes.length;

  const voxelIndex = (slice: number, r: number, c: number): number => slice * strides[axis]! + r * strides[rowAxis]! + c * strides[colAxis]!;
  const sliceIndices: number[] = [];
  for (let s = 0; s < dims[axis]!; s++) {
    if (options.skipEmpty) {
      let any = false;
      for (let r = 0; r < rows && !any; r++) {
        for (let c = 0; c < cols && !any; c++) any = volumes.some((v) => v.data[voxelIndex(s, r, c)] !== 0);
      }
      if (!any) continue;
    }
    sliceIndices.push(s);
  }

  const count = sliceIndices.length;
  const images = new Float32Array(count * size * size * channels);
  const labels = new Uint8Array(count * size * size);
  sliceIndices.forEach((s, k) => {
    for (let y = 0; y < size; y++) {
      const r = y + rowStart;
      if (r < 0 || r >= rows) continue;
      for (let x = 0; x < size; x++) {
        const c = x + colStart;
        if (c < 0 || c >= cols) continue;
        const v = voxelIndex(s, r, c);
        const o = (k * size + y) * size + x;
        for (let ch = 0; ch < channels; ch++) images[o * channels + ch] = volumes[ch]!.data[v]!;
        if (labelVolume) labels[o] = Math.round(labelVolume.data[v]!);
      }
    }
    if (normalise) {
      const n = size * size;
      const values = new Float32Array(n);
      for (let ch = 0; ch < channels; ch++) {
        for (let i = 0; i < n; i++) values[i] = images[(k * n + i) * channels + ch]!;
        values.sort();
        const scale = values[Math.floor(0.99 * (n - 1))]!;
        if (scale > 0) for (let i = 0; i < n; i++) images[(k * n + i) * channels + ch]! /= scale;
      }
    }
  });
  return { images, labels, count, size, channels, sliceIndices };
}
