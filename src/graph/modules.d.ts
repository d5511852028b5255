// Types for the layout libraries, which ship none.

declare module 'cytoscape-fcose' {
  import type cytoscape from 'cytoscape';
  const fcose: cytoscape.Ext;
  export default fcose;
}

/** The force-directed engine under fcose; we only reach into it to report progress. */
declare module 'cose-base' {
  interface CoSELayoutInstance {
    totalIterations: number;
    maxIterations: number;
    maxCoolingCycle: number;
  }
  interface CoSELayoutClass {
    prototype: {
      tick: (this: CoSELayoutInstance) => boolean;
      initSpringEmbedder: (this: CoSELayoutInstance) => void;
    };
  }
  const coseBase: { CoSELayout: CoSELayoutClass };
  export default coseBase;
}
