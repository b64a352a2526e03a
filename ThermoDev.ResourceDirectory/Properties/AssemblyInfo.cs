using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("ThermoDev.ResourceDirectory")]
[assembly: AssemblyDescription("ThermoDev registers itself with a CoRE Resource Directory (RFC 9176)")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("ThermoDev")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: ComVisible(false)]

// Shown by nanoff --devicedetails.
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
