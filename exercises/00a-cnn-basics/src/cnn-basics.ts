/**
 * Exercise 00a: convolution and pooling by hand, on plain arrays of numbers.
 *
 * Implement `outputSize`, `conv2d`, `maxPool2d` and `sobelEdges` with loops over typed arrays: no
 * TensorFlow.js inside. The grader compares your results with TensorFlow.js's own `tf.conv2d` and
 * `tf.maxPool` on many random inputs (odd sizes, stride 2, several channels, both paddings).
 */
import { NotImplementedError } from 'labgrade/runtime';

/** How the border is handled: `'valid'` uses no padding; `'same'` pads with zeros so that, at stride 1, the output has the input's size. */
export type Padding = 'valid' | 'same';

/**
 * An image of `height` x `width` pixels with `channels` values per pixel, stored row by row with the
 * channels of one pixel next to each other: the value of channel `c` at row `y`, column `x` is
 * `data[(y * width + x) * channels + c]`.
 */
export interface Image {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/**
 * Convolution filters: `outChannels` filters of `height` x `width` x `inChannels`. The weight for filter
 * row `i`, column `j`, input channel `c` and output channel `o` is
 * `data[((i * width + j) * inChannels + c) * outChannels + o]` (the layout TensorFlow.js uses).
 */
export interface Kernel {
  data: Float32Array;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
}

/**
 * The output length along one axis of a convolution or pooling window of size `kernelSize` moved in steps
 * of `stride` over `inputSize` values.
 * `'valid'`: the window must fit entirely inside the input. `'same'`: the input is padded with zeros so that
 * every step that starts inside the input counts.
 */
export function outputSize(inputSize: number, kernelSize: number, stride: number, padding: Padding): number {
  // TODO: write this part (see the README).
  throw new NotImplementedError('outputSize');
}

/**
 * 2D convolution (strictly, cross-correlation, as in every deep-learning library) of `image` with `kernel`:
 * each output pixel of channel `o` is the sum over the window and the input channels of input values times
 * filter weights. With `'same'` padding, pad with zeros: the extra row or column goes at the bottom and
 * right when the total padding is odd, as TensorFlow does.
 */
export function conv2d(image: Image, kernel: Kernel, stride: number, padding: Padding): Image {
  // TODO: write this part (see the README).
  throw new NotImplementedError('conv2d');
}

/**
 * Max pooling: each output value is the largest input value in a `poolSize` x `poolSize` window of one
 * channel, the window moving in steps of `stride`. With `'same'` padding, positions outside the image are
 * ignored (they never win).
 */
export function maxPool2d(image: Image, poolSize: number, stride: number, padding: Padding): Image {
  // TODO: write this part (see the README).
  throw new NotImplementedError('maxPool2d');
}

/**
 * Edge strength of a grayscale image (one channel) with the Sobel filters: convolve with
 * `gx = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]` (changes from left to right) and with its transpose `gy`
 * (changes from top to bottom), stride 1, `'same'` padding, and return `sqrt(gx² + gy²)` per pixel.
 * On a brain MRI slice this outlines the skull, the ventricles and a tumour's border.
 */
export function sobelEdges(image: Image): Image {
  // TODO: write this part (see the README).
  throw new NotImplementedError('sobelEdges');
}
