using System;
using System.IO;
using System.Text.Json;
using Coap.Micro.Oscore;

namespace ThermoDev.Pc
{
    /// <summary>
    /// --oscore-new: writes a fresh, random OSCORE context pair (RFC 8613 §3) to folder/device (Sender ID 01,
    /// Recipient ID 02) and folder/client (the IDs swapped), an aiocoap credentials file that points at the client's
    /// folder, and prints how to use them. Keys are never printed.
    /// </summary>
    public static class OscoreNewContexts
    {
        /// <summary>The device's Sender ID (the client's Recipient ID).</summary>
        public static readonly byte[] DeviceId = { 0x01 };

        /// <summary>The client's Sender ID (the device's Recipient ID).</summary>
        public static readonly byte[] ClientId = { 0x02 };

        /// <summary>The device's folder under the --oscore-new folder.</summary>
        public const string DeviceFolder = "device";

        /// <summary>The client's folder under the --oscore-new folder.</summary>
        public const string ClientFolder = "client";

        /// <summary>The aiocoap credentials file written beside the two folders.</summary>
        public const string CredentialsFile = "aiocoap-client-credentials.json";

        /// <summary>Writes the pair under <paramref name="folder"/>; returns the exit code (0 written, 1 not).</summary>
        public static int Run(string folder, TextWriter output, TextWriter error)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(error);
            string root = Path.GetFullPath(folder);
            string device = Path.Combine(root, DeviceFolder);
            string client = Path.Combine(root, ClientFolder);
            string credentials = Path.Combine(root, CredentialsFile);
            try
            {
                if (File.Exists(credentials))
                {
                    throw new OscoreContextFolderException(credentials + ": already exists; choose an empty folder");
                }

                OscoreContextFolder.WriteFreshPair(device, client, DeviceId, ClientId);
                File.WriteAllText(credentials, Credentials(client));
            }
            catch (Exception e) when (e is OscoreContextFolderException || e is IOException || e is UnauthorizedAccessException)
            {
                error.WriteLine("thermodev: " + e.Message);
                return PcHost.Failure;
            }

            output.WriteLine("Wrote a fresh OSCORE context pair (AES-CCM-16-64-128, HKDF-SHA256, 16-byte Master Secret, 8-byte Master Salt):");
            output.WriteLine($"  {device}: the device's (Sender ID {OscoreContextFolder.Hex(DeviceId)}, Recipient ID {OscoreContextFolder.Hex(ClientId)})");
            output.WriteLine($"  {client}: the client's (Sender ID {OscoreContextFolder.Hex(ClientId)}, Recipient ID {OscoreContextFolder.Hex(DeviceId)})");
            output.WriteLine("Keep both folders private: whoever reads settings.json can speak for either side.");
            output.WriteLine();
            output.WriteLine("Serve with it (add --oscore-reads to protect GET and Observe too):");
            output.WriteLine($"  dotnet run --project host/apps/ThermoDev.Pc -- --oscore {Quote(device)}");
            output.WriteLine();
            output.WriteLine($"Talk to it with aiocoap-client, with the credentials in {credentials}:");
            output.WriteLine(Credentials(client).TrimEnd());
            output.WriteLine($"  aiocoap-client --credentials {Quote(credentials)} coap://localhost/temp");
            output.WriteLine($"  aiocoap-client --credentials {Quote(credentials)} -m PUT --payload 21.5 coap://localhost/temp");
            output.WriteLine("Each folder is used by one program at a time; a context folder is never copied to a second sender.");
            return PcHost.Success;
        }

        // aiocoap's credentials format: a URI pattern and the context folder it uses.
        private static string Credentials(string clientFolder)
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteStartObject("coap://*");
                json.WriteStartObject("oscore");
                json.WriteString("contextfile", clientFolder + Path.DirectorySeparatorChar);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
        }

        private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;
    }
}
