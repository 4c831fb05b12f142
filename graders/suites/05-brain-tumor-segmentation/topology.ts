/**
 * Grader-side: where a U-Net merges feature maps, read from the graph of the model rebuilt from what the
 * child sent (the layers and the inbound nodes that connect them).
 */
import type * as tfType from '@tensorflow/tfjs';

/** Where the model merges feature maps. */
export interface Topology {
  downsampling: string[];
  upsampling: string[];
  merges: { name: string; className: string; inputs: string[] }[];
  /** Merges that join a map from before a downsampling (encoder) with one from after an upsampling (decoder). */
  skips: string[];
}

type Layer = tfType.layers.Layer;

export function topology(model: tfType.LayersModel): Topology {
  const parents = new Map<string, string[]>();
  for (const layer of model.layers) {
    parents.set(
      layer.name,
      (layer.inboundNodes ?? []).flatMap((node) => node.inboundLayers.map((l: Layer) => l.name)),
    );
  }
  const ancestors = (name: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(parents.get(name) ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(parents.get(next) ?? []));
    }
    return seen;
  };
  const strided = (layer: Layer) => {
    const strides = (layer.getConfig() as { strides?: number | number[] }).strides;
    return Array.isArray(strides) ? strides.some((s) => s > 1) : typeof strides === 'number' && strides > 1;
  };
  const classOf = (layer: Layer) => layer.getClassName();
  const downsampling = model.layers
    .filter(
      (l) => (/Pooling2D$/.test(classOf(l)) && !/^Global/.test(classOf(l))) || (/^(Conv2D|SeparableConv2D|DepthwiseConv2D)$/.test(classOf(l)) && strided(l)),
    )
    .map((l) => l.name);
  const upsampling = model.layers.filter((l) => classOf(l) === 'UpSampling2D' || classOf(l) === 'Conv2DTranspose').map((l) => l.name);
  const merges = model.layers
    .filter((l) => ['Concatenate', 'Add', 'Average', 'Maximum', 'Multiply'].includes(classOf(l)))
    .map((l) => ({ name: l.name, className: classOf(l), inputs: parents.get(l.name) ?? [] }));
  // Layers whose output some downsampling layer consumes, directly or through other layers: the encoder.
  const encoder = new Set<string>();
  for (const d of downsampling) for (const a of ancestors(d)) encoder.add(a);
  const skips = merges
    .filter((m) => {
      const fromEncoder = m.inputs.some((i) => encoder.has(i) && !upsampling.some((u) => ancestors(i).has(u) || i === u));
      const fromDecoder = m.inputs.some((i) => upsampling.includes(i) || upsampling.some((u) => ancestors(i).has(u)));
      return fromEncoder && fromDecoder;
    })
    .map((m) => m.name);
  return { downsampling, upsampling, merges, skips };
}
