using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Finds static initializers (static field initializers and static constructors, both compiled into
    /// a type's .cctor) that read a static field of another type of the same assembly. nanoCLR runs the
    /// static constructors of an assembly at start-up in an order of its own, so such a read can see the
    /// other type's field still null or 0 on a board while it works on .NET. Reported as
    /// "Type reads Other.Field".
    /// </summary>
    public static class StaticInitializerScanner
    {
        public static List<string> Scan(string assemblyPath) => Scan(File.ReadAllBytes(assemblyPath));

        public static List<string> Scan(byte[] image)
        {
            var findings = new List<string>();
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader md = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    if (md.GetString(method.Name) != ".cctor" || method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    foreach (IlInstruction instruction in IlInstructions.Decode(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader()))
                    {
                        if (instruction.OpCode != OpCodes.Ldsfld && instruction.OpCode != OpCodes.Ldsflda)
                        {
                            continue;
                        }

                        EntityHandle handle = MetadataTokens.EntityHandle(instruction.Operand);
                        if (handle.Kind != HandleKind.FieldDefinition)
                        {
                            continue; // a field of another assembly: initialized before this one's code runs
                        }

                        FieldDefinition field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                        TypeDefinitionHandle owner = field.GetDeclaringType();
                        if (owner != th)
                        {
                            TypeDefinition ownerType = md.GetTypeDefinition(owner);
                            findings.Add($"{md.GetString(type.Name)} reads {md.GetString(ownerType.Name)}.{md.GetString(field.Name)}");
                        }
                    }
                }
            }

            return findings;
        }
    }
}
