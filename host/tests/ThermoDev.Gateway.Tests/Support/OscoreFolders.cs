using System;
using System.IO;
using Coap.Micro.Oscore;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ThermoDev.TestSupport;

namespace ThermoDev.Gateway.Tests.Support
{
    /// <summary>
    /// OSCORE context pairs (RFC 8613) in a temporary folder, deleted on Dispose: <see cref="Device"/> for the PC build's
    /// --oscore and <see cref="Client"/> for the gateway's --device-oscore, as <c>ThermoDev.Pc --oscore-new DIR</c> writes
    /// them (DIR/device, DIR/client), or with a Master Secret and Salt of the test's choosing.
    /// </summary>
    public sealed class OscoreFolders : IDisposable
    {
        private OscoreFolders(string root)
        {
            Root = root;
        }

        /// <summary>The temporary folder.</summary>
        public string Root { get; }

        /// <summary>The device's context folder.</summary>
        public string Device => Path.Combine(Root, "device");

        /// <summary>The client's (the gateway's) context folder.</summary>
        public string Client => Path.Combine(Root, "client");

        /// <summary>A fresh random pair, written by <c>ThermoDev.Pc --oscore-new</c>.</summary>
        public static OscoreFolders New()
        {
            var folders = new OscoreFolders(NewRoot());
            (string program, var arguments) = ChildProcess.DotnetCommand(BuildOutputs.PcAssembly, new[] { "--oscore-new", folders.Root });
            ChildProcess.Result written = ChildProcess.Run(program, arguments, TimeSpan.FromSeconds(60));
            Assert.AreEqual(0, written.ExitCode, written.AllOutput);
            return folders;
        }

        /// <summary>A pair with <paramref name="secret"/> and <paramref name="salt"/> (device Sender ID 01, client 02, as --oscore-new).</summary>
        public static OscoreFolders With(byte[] secret, byte[] salt)
        {
            var folders = new OscoreFolders(NewRoot());
            OscoreContextFolder.Write(folders.Device, new byte[] { 0x01 }, new byte[] { 0x02 }, secret, salt, null);
            OscoreContextFolder.Write(folders.Client, new byte[] { 0x02 }, new byte[] { 0x01 }, secret, salt, null);
            return folders;
        }

        /// <summary>Deletes the folder.</summary>
        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A process still holding a file: the temporary folder stays.
            }
        }

        private static string NewRoot() => Path.Combine(Path.GetTempPath(), "thermodev-gateway-oscore-" + Guid.NewGuid().ToString("N"));
    }
}
