using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Tessera.Media.Tests")]
