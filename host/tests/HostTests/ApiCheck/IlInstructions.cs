using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>One IL instruction: its opcode and its operand (a token, a local's index, a short constant; 0 when none or wider than 32 bits).</summary>
    public readonly record struct IlInstruction(OpCode OpCode, int Operand);

    /// <summary>Decodes a method body's IL into instructions, for the scans that read compiled assemblies.</summary>
    public static class IlInstructions
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null))
            .ToDictionary(o => o.Value);

        public static List<IlInstruction> Decode(BlobReader il)
        {
            var result = new List<IlInstruction>();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                OpCode op = OpCodesByValue[value];
                int operand = 0;
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        operand = il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        operand = il.ReadUInt16();
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        for (int t = 0; t < targets; t++)
                        {
                            il.ReadInt32();
                        }

                        break;
                    default:
                        operand = il.ReadInt32();
                        break;
                }

                result.Add(new IlInstruction(op, operand));
            }

            return result;
        }
    }
}
