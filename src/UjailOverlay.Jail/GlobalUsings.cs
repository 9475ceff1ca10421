// The Linux project's areas the engine uses throughout.
global using UjailOverlay.Linux.Emulation;
global using UjailOverlay.Linux.Fs;
global using UjailOverlay.Linux.Interop;
global using UjailOverlay.Linux.Ipc;
global using UjailOverlay.Linux.Tracing;
global using SeccompListener = UjailOverlay.Linux.Seccomp.SeccompListener;
global using LinuxSeccompFilter = UjailOverlay.Linux.Seccomp.SeccompFilter;
