using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coap.Micro.Oscore
{
    /// <summary>
    /// An OSCORE security context kept in a folder, for .NET, in the layout aiocoap uses for its contexts: the folder
    /// holds <c>settings.json</c>, an object with <c>sender-id_hex</c>, <c>recipient-id_hex</c>, <c>secret_hex</c> or
    /// <c>secret_ascii</c>, and optionally <c>salt_hex</c>, <c>id-context_hex</c>, <c>algorithm</c> (only
    /// "AES-CCM-16-64-128", RFC 8613 §3.2 default) and <c>kdf</c> (only "HKDF-SHA256"; aiocoap's <c>kdf-hashfun</c>
    /// "sha256" is taken too, and its <c>window</c> is checked and ignored). Every byte-string field may be given as
    /// <c>_hex</c> or <c>_ascii</c>, not both, in settings.json or in an optional <c>secret.json</c> beside it. Beside it, <see cref="SequenceFileName"/> keeps this
    /// endpoint's Sender Sequence Number across restarts (<see cref="FileSequenceNumberStore"/>, RFC 8613 Appendix B.1.1);
    /// aiocoap keeps its own in <c>sequence.json</c>, which this class neither reads nor writes.
    /// </summary>
    public sealed class OscoreContextFolder
    {
        /// <summary>The settings file in the folder.</summary>
        public const string SettingsFileName = "settings.json";

        /// <summary>An optional second settings file, as aiocoap allows: the same fields, each in one of the two files only.</summary>
        public const string SecretFileName = "secret.json";

        /// <summary>The file beside it that keeps the Sender Sequence Number (8 bytes, little endian; see <see cref="FileSequenceNumberStore"/>).</summary>
        public const string SequenceFileName = "sender-sequence.bin";

        /// <summary>The one AEAD algorithm supported (RFC 8613 §3.2, COSE algorithm 10).</summary>
        public const string Algorithm = "AES-CCM-16-64-128";

        /// <summary>The one key derivation function supported (RFC 8613 §3.2).</summary>
        public const string Kdf = "HKDF-SHA256";

        /// <summary>aiocoap's own name for the KDF's hash (field <c>kdf-hashfun</c>), accepted when reading.</summary>
        public const string AiocoapHashFunction = "sha256";

        /// <summary>The Master Secret length of a fresh context (RFC 8613 §3.1: 16 bytes suit AES-CCM-16-64-128).</summary>
        public const int FreshSecretSize = 16;

        /// <summary>The Master Salt length of a fresh context (RFC 8613 §3.1 suggests 8 bytes).</summary>
        public const int FreshSaltSize = 8;

        private static readonly string[] ByteFields = { "sender-id", "recipient-id", "secret", "salt", "id-context" };

        private OscoreContextFolder(string folder, byte[] senderId, byte[] recipientId, byte[] secret, byte[] salt, byte[] idContext)
        {
            Folder = folder;
            SenderId = senderId;
            RecipientId = recipientId;
            MasterSecret = secret;
            MasterSalt = salt;
            IdContext = idContext;
        }

        /// <summary>The folder, as a full path.</summary>
        public string Folder { get; }

        /// <summary>The settings file's full path.</summary>
        public string SettingsPath => Path.Combine(Folder, SettingsFileName);

        /// <summary>The sequence number file's full path.</summary>
        public string SequencePath => Path.Combine(Folder, SequenceFileName);

        /// <summary>This endpoint's Sender ID.</summary>
        public byte[] SenderId { get; }

        /// <summary>The peer's ID (this endpoint's Recipient ID).</summary>
        public byte[] RecipientId { get; }

        /// <summary>The Master Secret.</summary>
        public byte[] MasterSecret { get; }

        /// <summary>The Master Salt, or null when none is given (the empty default, RFC 8613 §3.2).</summary>
        public byte[] MasterSalt { get; }

        /// <summary>The ID Context, or null when none is given.</summary>
        public byte[] IdContext { get; }

        /// <summary>
        /// Reads the context in <paramref name="folder"/>. Throws <see cref="OscoreContextFolderException"/> with one line
        /// naming the file and the field when the folder, its settings or its sequence number file are not usable.
        /// </summary>
        public static OscoreContextFolder Load(string folder)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new OscoreContextFolderException("an OSCORE context folder is needed");
            }

            string full = Path.GetFullPath(folder);
            string settings = Path.Combine(full, SettingsFileName);
            if (!Directory.Exists(full))
            {
                throw new OscoreContextFolderException(full + ": no such folder");
            }

            // aiocoap reads secret.json too (the same fields, typically readable by fewer users); a field is in one file only.
            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            ReadFile(settings, values, required: true);
            ReadFile(Path.Combine(full, SecretFileName), values, required: false);
            OscoreContextFolder context = Create(full, settings, values);

            // The sequence number file must hold a whole value (or not exist yet).
            try
            {
                new FileSequenceNumberStore(context.SequencePath).Load();
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                throw new OscoreContextFolderException(context.SequencePath + ": " + OneLine(e.Message));
            }

            return context;
        }

        /// <summary>The security context the settings derive (RFC 8613 §3.2).</summary>
        public OscoreSecurityContext CreateSecurityContext() =>
            new OscoreSecurityContext(MasterSecret, MasterSalt, SenderId, RecipientId, IdContext);

        /// <summary>The store of this endpoint's Sender Sequence Number, in <see cref="SequenceFileName"/> in the folder.</summary>
        public FileSequenceNumberStore CreateSequenceStore() => new FileSequenceNumberStore(SequencePath);

        /// <summary>
        /// Writes a context to <paramref name="folder"/> (made if missing) as <see cref="SettingsFileName"/>, readable
        /// only by its owner where the file system allows. Refuses a folder that already holds settings, so a context in
        /// use is never replaced (its sequence numbers would start again with new keys, or worse, with the old ones).
        /// </summary>
        public static void Write(string folder, byte[] senderId, byte[] recipientId, byte[] secret, byte[] salt, byte[] idContext)
        {
            ArgumentNullException.ThrowIfNull(folder);
            ArgumentNullException.ThrowIfNull(senderId);
            ArgumentNullException.ThrowIfNull(recipientId);
            ArgumentNullException.ThrowIfNull(secret);

            // The same checks as a context in use: IDs of at most 7 bytes that differ, a secret (RFC 8613 §3.3).
            _ = new OscoreSecurityContext(secret, salt, senderId, recipientId, idContext);
            string full = Path.GetFullPath(folder);
            string settings = Path.Combine(full, SettingsFileName);
            if (File.Exists(settings) || File.Exists(Path.Combine(full, SequenceFileName)))
            {
                throw new OscoreContextFolderException(full + ": already holds a context; choose an empty folder");
            }

            Directory.CreateDirectory(full);
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("sender-id_hex", Hex(senderId));
                json.WriteString("recipient-id_hex", Hex(recipientId));
                json.WriteString("secret_hex", Hex(secret));
                if (salt != null)
                {
                    json.WriteString("salt_hex", Hex(salt));
                }

                if (idContext != null)
                {
                    json.WriteString("id-context_hex", Hex(idContext));
                }

                json.WriteString("algorithm", Algorithm);
                json.WriteString("kdf", Kdf);
                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(settings, options);
            buffer.WriteTo(file);
            file.Flush(flushToDisk: true);
        }

        /// <summary>
        /// Writes a fresh, random context pair: the device's (Sender ID <paramref name="deviceId"/>, Recipient ID
        /// <paramref name="clientId"/>) to <paramref name="deviceFolder"/> and the client's (the IDs swapped) to
        /// <paramref name="clientFolder"/>, sharing a 16-byte Master Secret and an 8-byte Master Salt from
        /// <see cref="RandomNumberGenerator"/>, without ID Context. Neither folder may hold a context already.
        /// </summary>
        public static void WriteFreshPair(string deviceFolder, string clientFolder, byte[] deviceId, byte[] clientId)
        {
            ArgumentNullException.ThrowIfNull(deviceFolder);
            ArgumentNullException.ThrowIfNull(clientFolder);
            foreach (string folder in new[] { deviceFolder, clientFolder })
            {
                string full = Path.GetFullPath(folder);
                if (File.Exists(Path.Combine(full, SettingsFileName)) || File.Exists(Path.Combine(full, SequenceFileName)))
                {
                    throw new OscoreContextFolderException(full + ": already holds a context; choose an empty folder");
                }
            }

            byte[] secret = RandomNumberGenerator.GetBytes(FreshSecretSize);
            byte[] salt = RandomNumberGenerator.GetBytes(FreshSaltSize);
            Write(deviceFolder, deviceId, clientId, secret, salt, null);
            Write(clientFolder, clientId, deviceId, secret, salt, null);
        }

        /// <summary>Bytes as lower-case hex, as the settings file writes them.</summary>
        public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        // The fields of one JSON file into values; a missing optional file adds nothing.
        private static void ReadFile(string settings, Dictionary<string, byte[]> values, bool required)
        {
            string text;
            try
            {
                text = File.ReadAllText(settings);
            }
            catch (Exception e) when (!required && (e is FileNotFoundException))
            {
                return;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OscoreContextFolderException(settings + ": cannot be read: " + OneLine(e.Message));
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new OscoreContextFolderException(settings + ": not JSON: " + OneLine(e.Message));
            }

            using (document)
            {
                Read(settings, document.RootElement, values);
            }
        }

        private static void Read(string settings, JsonElement root, Dictionary<string, byte[]> values)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OscoreContextFolderException(settings + ": must hold a JSON object");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = property.Name;
                string expected = name == "algorithm" ? Algorithm : name == "kdf" ? Kdf : name == "kdf-hashfun" ? AiocoapHashFunction : null;
                if (expected != null)
                {
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() != expected)
                    {
                        throw new OscoreContextFolderException(settings + ": field '" + name + "': only \"" + expected + "\" is supported, not "
                            + property.Value.GetRawText());
                    }

                    continue;
                }

                if (name == "window")
                {
                    // aiocoap's replay window size; ours is fixed (OscoreReplayWindow), so only its form is checked.
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int window) || window < 1)
                    {
                        throw new OscoreContextFolderException(settings + ": field 'window': must be a positive whole number");
                    }

                    continue;
                }

                int split = name.LastIndexOf('_');
                string field = split < 0 ? name : name.Substring(0, split);
                string encoding = split < 0 ? string.Empty : name.Substring(split + 1);
                if (Array.IndexOf(ByteFields, field) < 0 || (encoding != "hex" && encoding != "ascii"))
                {
                    throw new OscoreContextFolderException(settings + ": field '" + name + "': not a known setting (known: sender-id, recipient-id, secret, salt, id-context as _hex or _ascii; algorithm; kdf)");
                }

                if (values.ContainsKey(field))
                {
                    throw new OscoreContextFolderException(settings + ": field '" + name + "': " + field + " is given twice (in this file or in "
                        + (Path.GetFileName(settings) == SecretFileName ? SettingsFileName : SecretFileName) + ")");
                }

                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new OscoreContextFolderException(settings + ": field '" + name + "': must be a string");
                }

                string value = property.Value.GetString();
                values[field] = encoding == "hex" ? FromHex(settings, name, value) : FromAscii(settings, name, value);
            }
        }

        private static OscoreContextFolder Create(string folder, string settings, Dictionary<string, byte[]> values)
        {
            byte[] senderId = Required(values, settings, "sender-id");
            byte[] recipientId = Required(values, settings, "recipient-id");
            byte[] secret = Required(values, settings, "secret");
            values.TryGetValue("salt", out byte[] salt);
            values.TryGetValue("id-context", out byte[] idContext);
            if (secret.Length == 0)
            {
                throw new OscoreContextFolderException(settings + ": field 'secret_hex': the Master Secret is empty");
            }

            CheckId(settings, "sender-id", senderId);
            CheckId(settings, "recipient-id", recipientId);
            if (senderId.AsSpan().SequenceEqual(recipientId))
            {
                throw new OscoreContextFolderException(settings + ": field 'recipient-id_hex': equals the Sender ID; they must differ (RFC 8613 3.3)");
            }

            return new OscoreContextFolder(folder, senderId, recipientId, secret, salt, idContext);
        }

        private static byte[] Required(Dictionary<string, byte[]> values, string settings, string field)
        {
            if (!values.TryGetValue(field, out byte[] value))
            {
                throw new OscoreContextFolderException(settings + ": field '" + field + "_hex' is missing");
            }

            return value;
        }

        private static void CheckId(string settings, string field, byte[] id)
        {
            if (id.Length > OscoreSecurityContext.MaxIdSize)
            {
                throw new OscoreContextFolderException(settings + ": field '" + field + "_hex': " + id.Length + " bytes; an ID is at most "
                    + OscoreSecurityContext.MaxIdSize + " (RFC 8613 3.3)");
            }
        }

        private static byte[] FromHex(string settings, string name, string value)
        {
            try
            {
                return Convert.FromHexString(value);
            }
            catch (FormatException)
            {
                // A mistyped secret or salt is still nearly the key: only an ID is worth showing (RFC 8613 §3.1, §12.3).
                bool keying = name.StartsWith("secret", StringComparison.Ordinal) || name.StartsWith("salt", StringComparison.Ordinal);
                throw new OscoreContextFolderException(settings + ": field '" + name + "': not an even number of hex digits"
                    + (keying ? " (" + value.Length + " characters)" : ": \"" + value + "\""));
            }
        }

        private static byte[] FromAscii(string settings, string name, string value)
        {
            foreach (char c in value)
            {
                if (c > 0x7F)
                {
                    throw new OscoreContextFolderException(settings + ": field '" + name + "': not ASCII");
                }
            }

            return Encoding.ASCII.GetBytes(value);
        }

        private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
    }
}
