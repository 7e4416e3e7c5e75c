// The disk layout of the pintos script, as `pintos-vm --system` builds it (src/cli/system/).
export * from '../../../src/emu/pc/pintos-disks';
