using Coap.Micro.Udp;
using nanoFramework.Hardware.Esp32;

namespace ThermoDev
{
    /// <summary>
    /// The settings to check before deploying to a board: the I2C pins the BMP280 is wired to, the CoAP
    /// port, how often the sensor is read and who may write. Edit them here and rebuild; nothing else
    /// needs to change.
    /// Wi-Fi credentials are not set here: they are stored on the device (see README.md).
    /// </summary>
    public static class DeviceSettings
    {
        /// <summary>
        /// GPIO of the I2C data line (SDA), routed to I2C bus 1. The nanoFramework ESP32 firmware's own
        /// default for I2C1 is GPIO18; 21 is the common wiring of ESP32 boards and breakouts.
        /// </summary>
        public const int I2cDataPin = Gpio.IO21;

        /// <summary>GPIO of the I2C clock line (SCL), routed to I2C bus 1 (firmware default: GPIO19).</summary>
        public const int I2cClockPin = Gpio.IO22;

        /// <summary>UDP port of the CoAP server: 5683 is the CoAP default (RFC 7252 §6.1).</summary>
        public const int CoapPort = NanoUdpTransport.DefaultPort;

        /// <summary>Milliseconds between two sensor readings.</summary>
        public const int ReadIntervalMilliseconds = 1000;

        /// <summary>How long one wait for the Wi-Fi connection and its IP address may take.</summary>
        public const int WifiTimeoutMilliseconds = 30000;

        /// <summary>
        /// Who may change the reading with PUT /temp (set the simulated sensor's value, or calibrate the
        /// BMP280): "none" (the default), "all", or IPv4 addresses and subnets separated by commas, such as
        /// "192.168.1.0/24" or "192.168.1.50, 192.168.1.51". Everyone else gets 4.03 Forbidden; GET and
        /// Observe stay open to all. CoAP runs here without DTLS, so any host on the Wi-Fi could otherwise
        /// change what the board reports.
        /// </summary>
        public const string AllowWrites = "none";

        /// <summary>
        /// The board's name, shown in discovery as the title of &lt;/temp&gt; and printed at start-up: 1 to 63
        /// letters, digits, '-', '_' or '.'. Empty (the default): "thermodev-" and the last three bytes of the
        /// Wi-Fi MAC address, such as "thermodev-a1b2c3".
        /// </summary>
        public const string Name = "";

        /// <summary>
        /// Answer GET /.well-known/core sent to All-CoAP-Nodes (224.0.1.187, RFC 7252 §8), so the board is found
        /// without knowing its address: <c>coap-client -N -m get -B 3 coap://224.0.1.187/.well-known/core</c>.
        /// Costs about 120 bytes of RAM and a second socket.
        /// </summary>
        public const bool AnswerMulticast = true;

        /// <summary>
        /// Longest random wait before answering a request sent to the group (RFC 7252 §8.2 leisure), ms. The
        /// §8.2 bound S * G / R for 100-byte answers from 50 boards sharing 5 kB/s of a busy Wi-Fi: 1000 ms.
        /// </summary>
        public const int MulticastLeisureMilliseconds = 1000;

        /// <summary>
        /// OSCORE (RFC 8613): the Master Secret of the board's security context, as hex (16 bytes: 32 hex digits).
        /// Empty (the default): OSCORE is off. When set, PUT /temp is taken only with OSCORE (unprotected ones get
        /// 4.01 "OSCORE required"), and <see cref="AllowWrites"/> still applies. Take the values from the device
        /// folder that <c>ThermoDev.Pc --oscore-new</c> writes (settings.json), and never give two boards the same
        /// context. The Sender Sequence Number is kept in the internal flash (drive I:), see README.md.
        /// </summary>
        public const string OscoreMasterSecret = "";

        /// <summary>OSCORE Master Salt, as hex; empty: the default, empty salt (RFC 8613 §3.2).</summary>
        public const string OscoreMasterSalt = "";

        /// <summary>The board's OSCORE Sender ID, as hex (0 to 7 bytes); the client's Recipient ID.</summary>
        public const string OscoreSenderId = "01";

        /// <summary>The board's OSCORE Recipient ID, as hex (0 to 7 bytes): the client's Sender ID, sent as kid.</summary>
        public const string OscoreRecipientId = "02";

        /// <summary>OSCORE ID Context, as hex; empty: none.</summary>
        public const string OscoreIdContext = "";

        /// <summary>With OSCORE on: GET and Observe need it too (/.well-known/core stays open). Default false.</summary>
        public const bool OscoreProtectReads = false;

        /// The CoRE Resource Directory (RFC 9176) the board registers with under its name, so it is found by a
        /// lookup there: "coap://192.168.1.2" or "coap://192.168.1.2:5683/rd" (an IPv4 address; without a path the
        /// RD's registration interface is looked up); "" to find the RD by multicast (GET /.well-known/core?rt=core.rd to
        /// 224.0.1.187, RFC 9176 §4.1). "none" (the default): no registration. The registration is
        /// updated before its lifetime ends and made again when the RD has lost it.
        /// </summary>
        public const string ResourceDirectory = "none";

        /// <summary>Lifetime of the registration with <see cref="ResourceDirectory"/> (lt), seconds, at least 60; RFC 9176's default is 25 hours.</summary>
        public const int RegistrationLifetimeSeconds = 90000;

        /// <summary>How often the Wi-Fi supervision checks that the board still has its IP address.</summary>
        public const int NetworkCheckMilliseconds = 5000;

        /// <summary>
        /// How long the IP address may stay away before the board reboots (default 10 minutes). Until then the
        /// CoAP server waits: its socket is bound to every address and serves again as soon as one is back.
        /// </summary>
        public const int NetworkGiveUpMilliseconds = 10 * 60 * 1000;
    }
}
