using System;
using System.Collections;
using Coap.Micro;
using ThermoDev.Supervision;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>
    /// An RD's registration interface (RFC 9176 §5) at /rd, listed with rt="core.rd": a POST is recorded and
    /// answered <see cref="Answer"/>, 2.01 with Location-Path reg/&lt;n&gt; by default.
    /// </summary>
    public sealed class FakeDirectory : CoapResource
    {
        private static readonly byte[] RegistrationSegment = { (byte)'r', (byte)'e', (byte)'g' };

        /// <summary>The code of the next answers.</summary>
        public byte Answer = CoapCode.Created;

        /// <summary>POSTs received.</summary>
        public int Posts;

        /// <summary>The last POST's Uri-Query options, joined with '&amp;'.</summary>
        public string Query;

        /// <summary>The last POST's payload, as ASCII.</summary>
        public string Payload;

        /// <summary>The last POST's Content-Format (uint.MaxValue: none).</summary>
        public uint ContentFormatReceived;

        /// <summary>An RD with its registration interface at /rd.</summary>
        public FakeDirectory()
            : base("rd", CoapMethods.Post)
        {
            ResourceType = "core.rd";
            ContentFormat = CoapContentFormat.LinkFormat;
        }

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response)
        {
            Posts++;
            Query = Text.Options(request, CoapOption.UriQuery);
            Payload = Text.Ascii(request.Buffer, request.PayloadOffset, request.PayloadLength);
            request.TryGetUIntOption(CoapOption.ContentFormat, uint.MaxValue, out ContentFormatReceived);
            response.Code = Answer;
            if (Answer == CoapCode.Created)
            {
                response.AddLocationPath(RegistrationSegment);
                response.AddLocationPathNumber(Posts);
            }
        }
    }

    /// <summary>A registration resource (RFC 9176 §5.3) at /reg/&lt;n&gt;: updates (POST) and removals (DELETE) are counted and answered as set.</summary>
    public sealed class FakeRegistration : CoapResource
    {
        /// <summary>The code of the next update's answer (2.04 by default).</summary>
        public byte UpdateAnswer = CoapCode.Changed;

        /// <summary>Updates received.</summary>
        public int Updates;

        /// <summary>The last update's Uri-Query options and payload length.</summary>
        public string UpdateQuery;

        /// <summary>The last update's payload length.</summary>
        public int UpdatePayloadLength = -1;

        /// <summary>Removals received.</summary>
        public int Deletes;

        /// <summary>The registration resource /reg/<paramref name="number"/>.</summary>
        public FakeRegistration(int number)
            : base("reg/" + number.ToString(), CoapMethods.Post | CoapMethods.Delete)
        {
            Discoverable = false;
        }

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response)
        {
            Updates++;
            UpdateQuery = Text.Options(request, CoapOption.UriQuery);
            UpdatePayloadLength = request.PayloadLength;
            response.Code = UpdateAnswer;
        }

        /// <inheritdoc/>
        public override void Delete(CoapMessage request, CoapResponse response)
        {
            Deletes++;
            response.Code = CoapCode.Deleted;
        }
    }

    /// <summary>Keeps the lines written.</summary>
    public sealed class LineLog : ILogSink
    {
        /// <summary>The lines, oldest first.</summary>
        public readonly ArrayList Lines = new ArrayList();

        /// <summary>The last line, or null.</summary>
        public string Last
        {
            get { return Lines.Count == 0 ? null : (string)Lines[Lines.Count - 1]; }
        }

        /// <inheritdoc/>
        public void Line(string text)
        {
            Lines.Add(text);
        }
    }

    /// <summary>Real milliseconds, for the client's and the server's loops.</summary>
    public sealed class WallClock : ICoapClock
    {
        /// <inheritdoc/>
        public long NowMilliseconds
        {
            get { return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond; }
        }
    }

    /// <summary>Text of message parts, for assertions.</summary>
    public static class Text
    {
        /// <summary>Bytes as ASCII characters.</summary>
        public static string Ascii(byte[] buffer, int offset, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars);
        }

        /// <summary>ASCII text as bytes.</summary>
        public static byte[] Bytes(string ascii)
        {
            byte[] bytes = new byte[ascii.Length];
            for (int i = 0; i < ascii.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            return bytes;
        }

        /// <summary>The values of every option <paramref name="number"/>, joined with '&amp;' ('/' for paths).</summary>
        public static string Options(CoapMessage message, int number)
        {
            string text = string.Empty;
            for (int i = 0; i < message.OptionCount; i++)
            {
                if (message.GetOptionNumber(i) == number)
                {
                    string value = Ascii(message.Buffer, message.GetOptionOffset(i), message.GetOptionLength(i));
                    text = text.Length == 0 ? value : text + (number == CoapOption.UriQuery ? "&" : "/") + value;
                }
            }

            return text;
        }
    }
}
