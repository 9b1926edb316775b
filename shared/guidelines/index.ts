// Guideline packs, isomorphic (no Node, DOM or Electron imports): schema and validation, rubric
// anchors, fingerprints, label-value validation and mappings between versions.
export * from './schema';
export * from './semver';
export * from './json';
export * from './validate';
export * from './rubric';
export * from './fingerprint';
export * from './labelValues';
export * from './mapping';
