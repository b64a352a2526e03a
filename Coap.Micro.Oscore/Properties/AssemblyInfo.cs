using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Coap.Micro.Oscore")]
[assembly: AssemblyDescription("OSCORE (RFC 8613) for Coap.Micro on .NET nanoFramework: AES-CCM, HKDF-SHA-256 and the security context")]
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
