// The composition root. The hidden trampoline verb comes first and alone: it is the jailed tree's first
// process (see Jail/Trampoline) and must not parse a command line or touch anything else.
using UjailOverlay.Cli;
using UjailOverlay.Cli.Composition;
using UjailOverlay.Jail.Trampoline;

if (args.Length > 0 && args[0] == TrampolineMain.Verb) return TrampolineMain.Run(args[1..]);
return CliApp.Run(args, new SystemCliConsole(), Services.Real());
