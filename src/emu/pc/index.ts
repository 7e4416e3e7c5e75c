// Public surface of the PC platform: the devices a Pintos-KAIST kernel drives, their aggregate,
// and virtual time.
export { PcDevices, type PcDevicesOptions, type PcDevicesSnapshot } from './pc-devices';
export { PortBus, type AccessSize, type PortHandler, type PortRange, type UnassignedPortUse } from './port-bus';
export { PicPair, type IrqLine, type PicSnapshot } from './pic8259';
export { Pit8254, PIT_HZ, type PitSnapshot } from './pit8254';
export { Uart16550, type SerialSink, type UartSnapshot } from './uart16550';
export { IdeChannel, IdeController, type DiskImage, type DiskIdentity, type PintosDisks, type PintosIdentities } from './ide';
export { Kbd8042, type KbdSnapshot } from './kbd8042';
export { CmosRtc, type RtcOptions, type RtcSnapshot } from './cmos-rtc';
export { PowerControl, type PowerAction, type PowerEvent, type PowerListener } from './power';
export { VgaCrtc } from './vga-crtc';
export { VirtualClock, NS_PER_SECOND } from './virtual-time';
