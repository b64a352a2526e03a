using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Coap.Micro.Client")]
[assembly: AssemblyDescription("A small CoAP client (RFC 7252, RFC 7641, RFC 7959) for .NET nanoFramework, on Coap.Micro")]
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
