using Tessera.Cli;

return TesseraCli.Run(args);
