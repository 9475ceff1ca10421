// The composition root: the real console and the real services. Wire State/Linux implementations into
// CliServices here as they land (see CliServices for the shape).
using UjailOverlay.Cli;

return CliApp.Run(args, new SystemCliConsole(), new CliServices());
