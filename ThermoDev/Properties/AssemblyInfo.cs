using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("ThermoDev")]
[assembly: AssemblyDescription("ThermoDev firmware for ESP32: a BMP280 temperature sensor served over CoAP")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("ThermoDev")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: ComVisible(false)]

// Shown by nanoff --devicedetails; keep Program.Version equal to it.
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
