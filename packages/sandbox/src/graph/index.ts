export { startGraphEmulator, type GraphAvailability, type GraphEmulator } from './server.js';
export { GraphDirectory, PLAYGROUND_USERS, SANDBOX_GROUPS, SANDBOX_USERS, type DirectoryObject } from './directory.js';
