/**
 * The filesystem logic behind the "Kata Containers" tree view and the Switch / Undo Hypervisor
 * commands. Plain Node (no `vscode` import); every function takes a root prefix (`'/'` in
 * production) and never throws: problems come back as human messages.
 */
export * from './fsops';
export * from './detectLite';
export * from './roots';
export * from './pins';
export * from './discover';
export * from './switch';
export * from './privileged';
export * from './kataRuntime';
export * from './installedRelease';
