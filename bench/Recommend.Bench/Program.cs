Console.WriteLine("recommend bench");
